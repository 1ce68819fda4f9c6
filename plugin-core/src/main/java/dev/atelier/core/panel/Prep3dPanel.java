package dev.atelier.core.panel;

import dev.atelier.core.operation.Background;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.Prep3dRequest;
import java.util.List;
import java.util.Map;

/** The prep-3d panel: cut the object out, centre it on a square with a margin, at a chosen size. */
final class Prep3dPanel implements PanelBinder {

    static final String SIZE = "size";
    static final String MARGIN = "margin";
    static final String UPSCALE_SMALL = "upscale-small";

    private Prep3dPanel() {}

    static Panel create() {
        List<Field> fields = List.of(
                new ChoiceField(SIZE, "Size", "Side of the square output, in pixels", List.of(
                        new Choice("512", "512 px"), new Choice("768", "768 px"), new Choice("1024", "1024 px"),
                        new Choice("2048", "2048 px")), "1024"),
                new SliderField(MARGIN, "Margin", "Space around the object, in % of the side", 0, 40, 1, 10),
                RemoveBackgroundPanel.background("What to put behind the object"),
                new ToggleField(UPSCALE_SMALL, "Upscale small objects",
                        "Upscale, rather than merely resize, when the object is smaller than the output", true));
        List<Preset> presets = List.of(
                new Preset("image-to-3d", "Image-to-3D input", Map.of(SIZE, "1024", MARGIN, 10,
                        RemoveBackgroundPanel.BACKGROUND, Background.TRANSPARENT.id())),
                new Preset("texture-reference", "Texture reference", Map.of(SIZE, "2048", MARGIN, 0,
                        RemoveBackgroundPanel.BACKGROUND, Background.WHITE.id())));
        return new Panel(new PanelDescriptor(Operation.PREP_3D.id(), Operation.PREP_3D.title(),
                "Cut out the object, centre it on a square with a margin and resize it, ready for image-to-3D.",
                Operation.PREP_3D, fields, presets), new Prep3dPanel());
    }

    @Override
    public OperationRequest build(BoundValues values) {
        return new Prep3dRequest(values.integer(SIZE), values.integer(MARGIN),
                values.choice(RemoveBackgroundPanel.BACKGROUND, Background::byId), values.toggle(UPSCALE_SMALL));
    }
}
