package dev.atelier.core.panel;

import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The upscale panel: a factor of 2, 4 or 8 and a preset from faithful (precise) to inventive (creative). */
final class UpscalePanel implements PanelBinder {

    static final String FACTOR = "factor";
    static final String PRESET = "preset";

    private UpscalePanel() {}

    static Panel create() {
        List<Field> fields = List.of(
                new ChoiceField(FACTOR, "Factor", "How many times larger",
                        List.of(new Choice("2", "2×"), new Choice("4", "4×"), new Choice("8", "8×")), "2"),
                new ChoiceField(PRESET, "Preset",
                        "Precise: ESRGAN medium (else slim, else thick), nothing invented; Lanczos when no model is"
                                + " installed. Balanced: the heaviest ESRGAN installed (thick restores the most"
                                + " detail), then a light diffusion refinement (strength 0.2) when a Stable Diffusion"
                                + " model is installed. Creative: a stronger refinement (0.35), which needs a Stable"
                                + " Diffusion model (without one it runs as Balanced and says so).",
                        Arrays.stream(UpscalePreset.values()).map(p -> new Choice(p.id(), p.label())).toList(),
                        UpscalePreset.PRECISE.id()));
        List<Preset> presets = Arrays.stream(UpscalePreset.values())
                .map(p -> new Preset(p.id(), p.label(), Map.of(PRESET, p.id())))
                .toList();
        return new Panel(new PanelDescriptor(Operation.UPSCALE.id(), Operation.UPSCALE.title(),
                "Enlarge the image 2, 4 or 8 times.", Operation.UPSCALE, fields, presets), new UpscalePanel());
    }

    @Override
    public OperationRequest build(BoundValues values) {
        return new UpscaleRequest(values.integer(FACTOR), values.choice(PRESET, UpscalePreset::byId));
    }
}
