package dev.atelier.core.image;

/**
 * An integer rectangle: origin plus size, in document (canvas) pixel coordinates. Empty when either side is
 * zero; never negative in size.
 */
public record Bounds(int x, int y, int width, int height) {

    public Bounds {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size " + width + "x" + height);
        }
    }

    /** Returns bounds at the origin with the given size. */
    public static Bounds of(int width, int height) {
        return new Bounds(0, 0, width, height);
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** Returns the number of pixels, as a long so 16k x 16k and beyond cannot overflow. */
    public long area() {
        return (long) width * height;
    }

    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < right() && py < bottom();
    }

    public boolean contains(Bounds other) {
        return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
    }

    /** Returns the overlap of both rectangles; empty (at this origin) when they do not overlap. */
    public Bounds intersect(Bounds other) {
        int x0 = Math.max(x, other.x);
        int y0 = Math.max(y, other.y);
        int x1 = Math.min(right(), other.right());
        int y1 = Math.min(bottom(), other.bottom());
        if (x1 <= x0 || y1 <= y0) {
            return new Bounds(x0, y0, 0, 0);
        }
        return new Bounds(x0, y0, x1 - x0, y1 - y0);
    }

    /** Returns the smallest rectangle holding both; an empty side is ignored. */
    public Bounds union(Bounds other) {
        if (isEmpty()) {
            return other;
        }
        if (other.isEmpty()) {
            return this;
        }
        int x0 = Math.min(x, other.x);
        int y0 = Math.min(y, other.y);
        return new Bounds(x0, y0, Math.max(right(), other.right()) - x0, Math.max(bottom(), other.bottom()) - y0);
    }

    public Bounds translate(int dx, int dy) {
        return new Bounds(x + dx, y + dy, width, height);
    }

    /** Returns these bounds grown by {@code n} pixels on every side (shrunk when negative, never below empty). */
    public Bounds grow(int n) {
        int w = Math.max(0, width + 2 * n);
        int h = Math.max(0, height + 2 * n);
        return new Bounds(x - n, y - n, w, h);
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + x + "," + y;
    }
}
