package dev.atelier.core.operation;

import java.util.Objects;

/**
 * Expand (outpaint): grow the canvas by the given margins (pixels per side), then further to {@code aspect} when
 * one is chosen, and fill the new area, blending {@code band} pixels into the old image. All margins may be 0 when
 * an aspect is chosen or the host's selection touches a canvas edge (it then says which way to grow); the plan
 * refuses the request otherwise.
 *
 * @param band pixels of the old image the new area fades into, 0..256
 */
public record ExpandRequest(Generation generation, int left, int top, int right, int bottom, AspectRatio aspect,
        int band) implements OperationRequest {

    /** The largest margin on one side, in pixels. */
    public static final int MAX_MARGIN = 4096;
    /** The default band: wide enough that the join does not show, narrow enough to keep the old image. */
    public static final int DEFAULT_BAND = 32;

    public ExpandRequest {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(aspect, "aspect");
        for (int m : new int[] {left, top, right, bottom}) {
            if (m < 0 || m > MAX_MARGIN) {
                throw new IllegalArgumentException("margins must be 0.." + MAX_MARGIN + ", got " + m);
            }
        }
        if (band < 0 || band > 256) {
            throw new IllegalArgumentException("band must be 0..256, got " + band);
        }
    }

    /** Margins only, free aspect, the default band. */
    public ExpandRequest(Generation generation, int left, int top, int right, int bottom) {
        this(generation, left, top, right, bottom, AspectRatio.FREE, DEFAULT_BAND);
    }

    /** Returns true when the margins alone say nothing (all 0, free aspect): the selection must. */
    public boolean needsDirection() {
        return left + top + right + bottom == 0 && aspect == AspectRatio.FREE;
    }

    @Override
    public Operation operation() {
        return Operation.EXPAND;
    }
}
