package dev.atelier.core.operation;

import java.util.Optional;

/** Upscale presets, from faithful to inventive. */
public enum UpscalePreset implements WireId {
    /** A light ESRGAN model (medium, else slim), or Lanczos without one; never invents detail. */
    PRECISE("precise", "Precise"),
    /** The heaviest ESRGAN installed (thick), then a light diffusion refinement (0.2) with an SD model installed. */
    BALANCED("balanced", "Balanced"),
    /** ESRGAN as Balanced, then a stronger refinement (0.35); without an SD model it runs as Balanced, said so. */
    CREATIVE("creative", "Creative");

    private final String id;
    private final String label;

    UpscalePreset(String id, String label) {
        this.id = id;
        this.label = label;
    }

    @Override
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<UpscalePreset> byId(String id) {
        return WireId.find(UpscalePreset.class, id);
    }
}
