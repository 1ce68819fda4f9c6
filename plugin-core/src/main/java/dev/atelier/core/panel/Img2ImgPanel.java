package dev.atelier.core.panel;

import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The img2img panel: repaint the image after a prompt, keeping as much of it as Influence says. */
final class Img2ImgPanel implements PanelBinder {

    static final String INFLUENCE = "influence";

    private Img2ImgPanel() {}

    static Panel create() {
        List<Field> fields = new ArrayList<>();
        fields.add(GenerationFields.image("The pixels to repaint"));
        fields.addAll(GenerationFields.prompts("What to paint"));
        fields.add(new SliderField(INFLUENCE, "Influence", "Higher keeps more of the reference", 0, 100, 1, 50));
        fields.addAll(GenerationFields.sampling());
        List<Preset> presets = List.of(
                new Preset("light-touch", "Light touch", Map.of(INFLUENCE, 80)),
                new Preset("balanced", "Balanced", Map.of(INFLUENCE, 50)),
                new Preset("reimagine", "Reimagine", Map.of(INFLUENCE, 20)));
        return new Panel(new PanelDescriptor(Operation.IMG2IMG.id(), Operation.IMG2IMG.title(),
                "Repaint the image after a prompt. Influence sets how much of the original is kept.",
                Operation.IMG2IMG, fields, presets), new Img2ImgPanel());
    }

    @Override
    public OperationRequest build(BoundValues values) {
        return new Img2ImgRequest(GenerationFields.generation(values), values.integer(INFLUENCE));
    }
}
