package dev.atelier.core.image;

/**
 * A read-only single-channel 8-bit coverage image: 0 is not selected, 255 fully selected. Either a {@link Mask},
 * which owns its bytes, or a crop of one that re-indexes the same bytes. Coordinates are local, (0, 0) top-left.
 */
public interface MaskView {

    int width();

    int height();

    /** Returns the coverage of pixel (x, y) as 0..255. */
    int get(int x, int y);

    /** Returns the coverage of pixel (x, y) as 0..1. */
    default float getFloat(int x, int y) {
        return get(x, y) / 255f;
    }

    /**
     * Copies {@code count} coverage bytes of row {@code y}, starting at column {@code x}, into {@code dst} from
     * {@code offset}.
     */
    default void readRow(int y, int x, int count, byte[] dst, int offset) {
        for (int i = 0; i < count; i++) {
            dst[offset + i] = (byte) get(x + i, y);
        }
    }

    default Bounds bounds() {
        return Bounds.of(width(), height());
    }

    /** Returns a view of the region {@code b} of this mask, which must lie inside it. No bytes are copied. */
    default MaskView crop(Bounds b) {
        return Mask.cropView(this, b);
    }

    /** Returns the smallest rectangle holding every pixel with coverage above 0; empty bounds when there is none. */
    default Bounds nonZeroBounds() {
        int w = width();
        int h = height();
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        byte[] row = new byte[w];
        for (int y = 0; y < h; y++) {
            readRow(y, 0, w, row, 0);
            int first = -1;
            int last = -1;
            for (int x = 0; x < w; x++) {
                if (row[x] != 0) {
                    if (first < 0) {
                        first = x;
                    }
                    last = x;
                }
            }
            if (first >= 0) {
                x0 = Math.min(x0, first);
                x1 = Math.max(x1, last);
                y0 = Math.min(y0, y);
                y1 = y;
            }
        }
        return x1 < 0 ? new Bounds(0, 0, 0, 0) : new Bounds(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /** Returns true when no pixel is selected at all (every coverage is 0). */
    default boolean isEmpty() {
        int w = width();
        byte[] row = new byte[w];
        for (int y = 0; y < height(); y++) {
            readRow(y, 0, w, row, 0);
            for (byte b : row) {
                if (b != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Returns this mask's coverage as an owned mask (a copy for views; a mask returns itself). */
    default Mask toMask() {
        return Mask.copyOf(this);
    }
}
