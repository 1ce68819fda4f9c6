package dev.atelier.core.operation;

import java.util.Objects;

/**
 * Retouch: repaint the masked area (the host's selection) and blend it back seamlessly.
 *
 * @param grow pixels the mask is grown by before generating, 0..256
 * @param feather pixels of soft edge on the blend, 0..256
 */
public record RetouchRequest(Generation generation, int grow, int feather) implements OperationRequest {

    public RetouchRequest {
        Objects.requireNonNull(generation, "generation");
        if (grow < 0 || grow > 256 || feather < 0 || feather > 256) {
            throw new IllegalArgumentException("grow and feather must be 0..256, got " + grow + ", " + feather);
        }
    }

    @Override
    public Operation operation() {
        return Operation.RETOUCH;
    }
}
