package dev.atelier.core.operation;

import java.util.Optional;

/** Upscale presets, from faithful to inventive. */
public enum UpscalePreset implements WireId {
    /** Sharp resampling (Lanczos) or an ESRGAN model; never invents detail. */
    PRECISE("precise", "Precise"),
    /** ESRGAN plus a light diffusion refinement where installed. */
    BALANCED("balanced", "Balanced"),
    /** ESRGAN plus a stronger diffusion refinement where installed. */
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
