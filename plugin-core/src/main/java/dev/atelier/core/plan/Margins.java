package dev.atelier.core.plan;

/** Pixels added on each side of a canvas. */
public record Margins(int left, int top, int right, int bottom) {

    public Margins {
        if (left < 0 || top < 0 || right < 0 || bottom < 0) {
            throw new IllegalArgumentException("margins must not be negative");
        }
    }

    public boolean isZero() {
        return left + top + right + bottom == 0;
    }

    @Override
    public String toString() {
        return "left " + left + ", top " + top + ", right " + right + ", bottom " + bottom;
    }
}
