package dev.atelier.core.operation;

import java.util.Objects;

/** Upscale by 2, 4 or 8 with a preset. */
public record UpscaleRequest(int factor, UpscalePreset preset) implements OperationRequest {

    public UpscaleRequest {
        Objects.requireNonNull(preset, "preset");
        if (factor != 2 && factor != 4 && factor != 8) {
            throw new IllegalArgumentException("factor must be 2, 4 or 8, got " + factor);
        }
    }

    @Override
    public Operation operation() {
        return Operation.UPSCALE;
    }
}
