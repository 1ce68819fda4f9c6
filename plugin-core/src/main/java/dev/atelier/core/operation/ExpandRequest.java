package dev.atelier.core.operation;

import java.util.Objects;

/** Expand (outpaint): grow the canvas by the given margins (pixels per side) and fill the new area. */
public record ExpandRequest(Generation generation, int left, int top, int right, int bottom)
        implements OperationRequest {

    /** The largest margin on one side, in pixels. */
    public static final int MAX_MARGIN = 4096;

    public ExpandRequest {
        Objects.requireNonNull(generation, "generation");
        for (int m : new int[] {left, top, right, bottom}) {
            if (m < 0 || m > MAX_MARGIN) {
                throw new IllegalArgumentException("margins must be 0.." + MAX_MARGIN + ", got " + m);
            }
        }
        if (left + top + right + bottom == 0) {
            throw new IllegalArgumentException("at least one margin must be positive");
        }
    }

    @Override
    public Operation operation() {
        return Operation.EXPAND;
    }
}
