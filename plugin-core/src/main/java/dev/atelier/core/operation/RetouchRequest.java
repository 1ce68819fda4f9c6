package dev.atelier.core.operation;

import java.util.Objects;

/**
 * Retouch: repaint the masked area (the host's selection) and blend it back seamlessly.
 *
 * @param grow pixels the mask is grown by before generating, 0..256
 * @param feather pixels over which the generation mask fades out beyond the grown mask, 0..256
 * @param padding context around the area, in percent of its size, 0..100
 * @param blend width in pixels of the seam where the result fades into the original, 0..256
 */
public record RetouchRequest(Generation generation, int grow, int feather, int padding, int blend)
        implements OperationRequest {

    public static final int DEFAULT_GROW = 4;
    public static final int DEFAULT_FEATHER = 32;
    public static final int DEFAULT_PADDING = 6;
    public static final int DEFAULT_BLEND = 24;

    public RetouchRequest {
        Objects.requireNonNull(generation, "generation");
        if (grow < 0 || grow > 256 || feather < 0 || feather > 256 || blend < 0 || blend > 256) {
            throw new IllegalArgumentException(
                    "grow, feather and blend must be 0..256, got " + grow + ", " + feather + ", " + blend);
        }
        if (padding < 0 || padding > 100) {
            throw new IllegalArgumentException("padding must be 0..100 %, got " + padding);
        }
    }

    /** Grow and feather as given; padding and blend at their defaults. */
    public RetouchRequest(Generation generation, int grow, int feather) {
        this(generation, grow, feather, DEFAULT_PADDING, DEFAULT_BLEND);
    }

    @Override
    public Operation operation() {
        return Operation.RETOUCH;
    }
}
