package dev.atelier.core.image;

/**
 * A read-only RGBA image with 8 bits per channel: straight (not premultiplied) alpha, sRGB-encoded colour.
 *
 * <p>Either a {@link Raster}, which owns its bytes, or a lazy view of one ({@link Views}): crop, pad and tile
 * re-index the same pixels instead of copying them. Coordinates are local to the view, (0, 0) top-left.
 */
public interface RgbaView {

    int width();

    int height();

    /** Returns channel {@code c} (0 R, 1 G, 2 B, 3 A) of pixel (x, y) as 0..255. */
    int get(int x, int y, int c);

    /** Returns channel {@code c} of pixel (x, y) as 0..1. */
    default float getFloat(int x, int y, int c) {
        return get(x, y, c) / 255f;
    }

    /** Returns pixel (x, y) packed as 0xRRGGBBAA. */
    default int rgba(int x, int y) {
        return get(x, y, 0) << 24 | get(x, y, 1) << 16 | get(x, y, 2) << 8 | get(x, y, 3);
    }

    /**
     * Copies {@code count} pixels of row {@code y}, starting at column {@code x}, into {@code dst} as RGBA bytes
     * from {@code offset}. Rasters and views override this with bulk copies; it is the fast path for engines.
     */
    default void readRow(int y, int x, int count, byte[] dst, int offset) {
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 4; c++) {
                dst[offset + 4 * i + c] = (byte) get(x + i, y, c);
            }
        }
    }

    default Bounds bounds() {
        return Bounds.of(width(), height());
    }

    /** Returns a view of the region {@code b} of this image, which must lie inside it. No pixels are copied. */
    default RgbaView crop(Bounds b) {
        return Views.crop(this, b);
    }

    /** Returns a view grown by the given margins, filled per {@code edge}. No pixels are copied. */
    default RgbaView pad(int left, int top, int right, int bottom, Edge edge) {
        return Views.pad(this, left, top, right, bottom, edge);
    }

    /** Returns this image's pixels as an owned raster (a copy for views; a raster returns itself). */
    default Raster toRaster() {
        return Raster.copyOf(this);
    }
}
