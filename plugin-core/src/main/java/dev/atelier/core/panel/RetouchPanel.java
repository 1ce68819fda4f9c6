package dev.atelier.core.panel;

import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.RetouchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The retouch panel: repaint the selected area and blend it back in. */
final class RetouchPanel implements PanelBinder {

    static final String MASK = "mask";
    static final String GROW = "grow";
    static final String FEATHER = "feather";
    static final String PADDING = "padding";
    static final String BLEND = "blend";

    private RetouchPanel() {}

    static Panel create() {
        List<Field> fields = new ArrayList<>();
        fields.add(GenerationFields.image("The pixels around the area to repaint"));
        fields.add(new SourceField(MASK, "Mask", "The area to repaint: the current selection",
                List.of(SourceKind.SELECTION), SourceKind.SELECTION, true));
        fields.addAll(GenerationFields.prompts("What to paint in the selected area"));
        fields.add(new SliderField(GROW, "Grow", "Pixels to grow the selection by before repainting",
                0, 256, 1, RetouchRequest.DEFAULT_GROW));
        fields.add(new SliderField(FEATHER, "Feather", "Pixels beyond the grown selection where the repaint fades out",
                0, 256, 1, RetouchRequest.DEFAULT_FEATHER));
        fields.add(new SliderField(PADDING, "Padding", "Surroundings to take into account, in % of the area's size",
                0, 100, 1, RetouchRequest.DEFAULT_PADDING));
        fields.add(new SliderField(BLEND, "Blend", "Width in pixels of the seam where the repaint fades into the image",
                0, 256, 1, RetouchRequest.DEFAULT_BLEND));
        fields.addAll(GenerationFields.sampling());
        List<Preset> presets = List.of(
                new Preset("tight", "Tight edit", Map.of(GROW, 2, FEATHER, 8, BLEND, 8)),
                new Preset("soft-blend", "Soft blend", Map.of(GROW, 16, FEATHER, 64, BLEND, 48)));
        return new Panel(new PanelDescriptor(Operation.RETOUCH.id(), Operation.RETOUCH.title(),
                "Repaint the selected area after a prompt and blend it back seamlessly.",
                Operation.RETOUCH, fields, presets), new RetouchPanel());
    }

    @Override
    public OperationRequest build(BoundValues values) {
        return new RetouchRequest(GenerationFields.generation(values), values.integer(GROW),
                values.integer(FEATHER), values.integer(PADDING), values.integer(BLEND));
    }
}
