package dev.atelier.core.panel;

import dev.atelier.core.operation.AspectRatio;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The expand (outpaint) panel: grow the canvas by margins in pixels, optionally to an aspect ratio, and paint the
 * new area. All margins may be 0 with an aspect ratio, or with a selection touching the canvas edge, which then
 * says where to grow (the plan checks that, as only it sees the selection).
 */
final class ExpandPanel implements PanelBinder {

    static final String LEFT = "left";
    static final String TOP = "top";
    static final String RIGHT = "right";
    static final String BOTTOM = "bottom";
    static final String ASPECT = "aspect";
    static final String BAND = "band";
    static final String MASK = "mask";

    private ExpandPanel() {}

    static Panel create() {
        List<Field> fields = new ArrayList<>();
        fields.add(GenerationFields.image("The pixels to extend"));
        fields.add(new SourceField(MASK, "Selection", "Optional: with all margins 0, a selection touching the "
                + "canvas edge says which way to grow", List.of(SourceKind.SELECTION), SourceKind.SELECTION, false));
        fields.add(margin(LEFT, "Left", 0));
        fields.add(margin(TOP, "Top", 0));
        fields.add(margin(RIGHT, "Right", 256));
        fields.add(margin(BOTTOM, "Bottom", 0));
        fields.add(new ChoiceField(ASPECT, "Aspect ratio", "Grow further to this shape (free: the margins alone)",
                Arrays.stream(AspectRatio.values()).map(a -> new Choice(a.id(), a.label())).toList(),
                AspectRatio.FREE.id()));
        fields.add(new SliderField(BAND, "Band", "Pixels of the old image the new area fades into", 0, 256, 1,
                ExpandRequest.DEFAULT_BAND));
        fields.addAll(GenerationFields.prompts("What to paint in the new area"));
        fields.addAll(GenerationFields.sampling());
        List<Preset> presets = List.of(
                new Preset("right-256", "Right 256 px", Map.of(LEFT, 0, TOP, 0, RIGHT, 256, BOTTOM, 0)),
                new Preset("left-256", "Left 256 px", Map.of(LEFT, 256, TOP, 0, RIGHT, 0, BOTTOM, 0)),
                new Preset("wider-256", "Wider (256 px each side)", Map.of(LEFT, 256, TOP, 0, RIGHT, 256, BOTTOM, 0)),
                new Preset("taller-256", "Taller (256 px top and bottom)",
                        Map.of(LEFT, 0, TOP, 256, RIGHT, 0, BOTTOM, 256)),
                new Preset("all-128", "All sides 128 px", Map.of(LEFT, 128, TOP, 128, RIGHT, 128, BOTTOM, 128)),
                new Preset("square", "Square (1:1)", Map.of(LEFT, 0, TOP, 0, RIGHT, 0, BOTTOM, 0, ASPECT, "1:1")),
                new Preset("wide-16-9", "Widescreen (16:9)",
                        Map.of(LEFT, 0, TOP, 0, RIGHT, 0, BOTTOM, 0, ASPECT, "16:9")));
        return new Panel(new PanelDescriptor(Operation.EXPAND.id(), Operation.EXPAND.title(),
                "Grow the canvas by the given margins (pixels per side) or to an aspect ratio and paint the new area "
                        + "to match.",
                Operation.EXPAND, fields, presets), new ExpandPanel());
    }

    private static SliderField margin(String id, String label, int defaultValue) {
        return new SliderField(id, label, "Pixels to add on this side", 0, ExpandRequest.MAX_MARGIN, 1,
                defaultValue);
    }

    @Override
    public OperationRequest build(BoundValues values) {
        return new ExpandRequest(GenerationFields.generation(values), values.integer(LEFT), values.integer(TOP),
                values.integer(RIGHT), values.integer(BOTTOM), values.choice(ASPECT, AspectRatio::byId),
                values.integer(BAND));
    }
}
