package dev.atelier.core.panel;

import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The expand (outpaint) panel: grow the canvas by margins in pixels and paint the new area. */
final class ExpandPanel implements PanelBinder {

    static final String LEFT = "left";
    static final String TOP = "top";
    static final String RIGHT = "right";
    static final String BOTTOM = "bottom";
    private static final List<String> SIDES = List.of(LEFT, TOP, RIGHT, BOTTOM);

    private ExpandPanel() {}

    static Panel create() {
        List<Field> fields = new ArrayList<>();
        fields.add(GenerationFields.image("The pixels to extend"));
        fields.add(margin(LEFT, "Left", 0));
        fields.add(margin(TOP, "Top", 0));
        fields.add(margin(RIGHT, "Right", 256));
        fields.add(margin(BOTTOM, "Bottom", 0));
        fields.addAll(GenerationFields.prompts("What to paint in the new area"));
        fields.addAll(GenerationFields.sampling());
        List<Preset> presets = List.of(
                new Preset("right-256", "Right 256 px", Map.of(LEFT, 0, TOP, 0, RIGHT, 256, BOTTOM, 0)),
                new Preset("left-256", "Left 256 px", Map.of(LEFT, 256, TOP, 0, RIGHT, 0, BOTTOM, 0)),
                new Preset("wider-256", "Wider (256 px each side)", Map.of(LEFT, 256, TOP, 0, RIGHT, 256, BOTTOM, 0)),
                new Preset("taller-256", "Taller (256 px top and bottom)",
                        Map.of(LEFT, 0, TOP, 256, RIGHT, 0, BOTTOM, 256)),
                new Preset("all-128", "All sides 128 px", Map.of(LEFT, 128, TOP, 128, RIGHT, 128, BOTTOM, 128)));
        return new Panel(new PanelDescriptor(Operation.EXPAND.id(), Operation.EXPAND.title(),
                "Grow the canvas by the given margins (pixels per side) and paint the new area to match.",
                Operation.EXPAND, fields, presets), new ExpandPanel());
    }

    private static SliderField margin(String id, String label, int defaultValue) {
        return new SliderField(id, label, "Pixels to add on this side", 0, ExpandRequest.MAX_MARGIN, 1,
                defaultValue);
    }

    @Override
    public List<FieldProblem> check(BoundValues values) {
        if (!SIDES.stream().allMatch(values::has) || SIDES.stream().anyMatch(s -> values.integer(s) > 0)) {
            return List.of();
        }
        return SIDES.stream()
                .map(s -> new FieldProblem(s, "at least one of left, top, right, bottom must be above 0"))
                .toList();
    }

    @Override
    public OperationRequest build(BoundValues values) {
        return new ExpandRequest(GenerationFields.generation(values), values.integer(LEFT), values.integer(TOP),
                values.integer(RIGHT), values.integer(BOTTOM));
    }
}
