package dev.atelier.core.operation;

import java.util.Objects;

/**
 * Prep for 3D: cut out the object, centre it, pad to a square with a margin and resize.
 *
 * @param size output side in pixels, 256..2048
 * @param marginPercent margin around the object, 0..40 % of the side
 * @param upscaleSmall upscale (rather than merely resize) when the object is smaller than the target
 */
public record Prep3dRequest(int size, int marginPercent, Background background, boolean upscaleSmall)
        implements OperationRequest {

    public Prep3dRequest {
        Objects.requireNonNull(background, "background");
        if (size < 256 || size > 2048) {
            throw new IllegalArgumentException("size must be 256..2048, got " + size);
        }
        if (marginPercent < 0 || marginPercent > 40) {
            throw new IllegalArgumentException("margin must be 0..40 %, got " + marginPercent);
        }
    }

    @Override
    public Operation operation() {
        return Operation.PREP_3D;
    }
}
