package dev.atelier.core.image;

import java.util.Arrays;

/**
 * A selection mask that owns its bytes: one byte of coverage per pixel, tightly packed rows, 0 = not selected,
 * 255 = selected.
 *
 * <p>Treated as an immutable value like {@link Raster}: {@link #equals} compares coverage, and {@link #wrap} takes
 * ownership of the array without copying, so the caller must not write to it afterwards.
 */
public final class Mask implements MaskView {

    private final int width;
    private final int height;
    private final byte[] data;

    private Mask(int width, int height, byte[] data) {
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /** Returns a mask over {@code coverage} (not copied; the caller gives up writing to it). */
    public static Mask wrap(int width, int height, byte[] coverage) {
        long expected = (long) checkedSize(width, height);
        if (coverage.length != expected) {
            throw new IllegalArgumentException(
                    "mask buffer for " + width + "x" + height + " needs " + expected + " bytes, got " + coverage.length);
        }
        return new Mask(width, height, coverage);
    }

    /** Returns a mask of the given size with every pixel set to {@code coverage} (0..255). */
    public static Mask filled(int width, int height, int coverage) {
        if (coverage < 0 || coverage > 255) {
            throw new IllegalArgumentException("coverage must be 0..255, got " + coverage);
        }
        byte[] data = new byte[checkedSize(width, height)];
        Arrays.fill(data, (byte) coverage);
        return new Mask(width, height, data);
    }

    /** Returns an owned copy of any mask view. */
    public static Mask copyOf(MaskView view) {
        if (view instanceof Mask m) {
            return m;
        }
        int w = view.width();
        int h = view.height();
        byte[] data = new byte[checkedSize(w, h)];
        for (int y = 0; y < h; y++) {
            view.readRow(y, 0, w, data, w * y);
        }
        return new Mask(w, h, data);
    }

    /** Returns the alpha channel of {@code image} as coverage. */
    public static Mask fromAlpha(RgbaView image) {
        return fromChannels(image, false);
    }

    /**
     * Returns the luminance of {@code image} as coverage (Rec. 709 weights on the stored codes, so a grey pixel
     * keeps its value); alpha is ignored.
     */
    public static Mask fromLuminance(RgbaView image) {
        return fromChannels(image, true);
    }

    /**
     * Returns the coverage a mask file means: its alpha when any pixel is less than opaque, otherwise its
     * luminance. Painted masks come either as greyscale (white = selected) or as a transparent layer.
     */
    public static Mask fromImage(RgbaView image) {
        return fromChannels(image, !hasTransparency(image));
    }

    private static boolean hasTransparency(RgbaView image) {
        int w = image.width();
        byte[] row = new byte[4 * w];
        for (int y = 0; y < image.height(); y++) {
            image.readRow(y, 0, w, row, 0);
            for (int i = 3; i < row.length; i += 4) {
                if (row[i] != (byte) 255) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Mask fromChannels(RgbaView image, boolean luminance) {
        int w = image.width();
        int h = image.height();
        byte[] data = new byte[checkedSize(w, h)];
        byte[] row = new byte[4 * w];
        for (int y = 0; y < h; y++) {
            image.readRow(y, 0, w, row, 0);
            for (int x = 0, i = 0; x < w; x++, i += 4) {
                int v;
                if (luminance) {
                    // Integer weights summing to 10000: a grey pixel maps to exactly its own value.
                    v = (2126 * (row[i] & 0xff) + 7152 * (row[i + 1] & 0xff) + 722 * (row[i + 2] & 0xff) + 5000)
                            / 10000;
                } else {
                    v = row[i + 3] & 0xff;
                }
                data[w * y + x] = (byte) v;
            }
        }
        return new Mask(w, h, data);
    }

    /** Returns the region {@code b} of {@code source} without copying; {@code b} must be non-empty and inside. */
    static MaskView cropView(MaskView source, Bounds b) {
        if (!source.bounds().contains(b) || b.isEmpty()) {
            throw new IllegalArgumentException("crop " + b + " is not a non-empty region inside " + source.bounds());
        }
        if (b.equals(source.bounds())) {
            return source;
        }
        if (source instanceof Crop c) {
            return new Crop(c.source, b.translate(c.region.x(), c.region.y()));
        }
        return new Crop(source, b);
    }

    private static int checkedSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
        }
        long bytes = (long) width * height;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("mask " + width + "x" + height + " is too large for one array");
        }
        return (int) bytes;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int get(int x, int y) {
        return data[y * width + x] & 0xff;
    }

    @Override
    public void readRow(int y, int x, int count, byte[] dst, int offset) {
        System.arraycopy(data, y * width + x, dst, offset, count);
    }

    @Override
    public Mask toMask() {
        return this;
    }

    /** Returns a copy of the coverage bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** Returns the backing array itself, for bulk readers; writing to it breaks this value's immutability. */
    public byte[] unsafeBytes() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && m.width == width && m.height == height && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Mask[" + width + "x" + height + "]";
    }

    private static final class Crop implements MaskView {
        private final MaskView source;
        private final Bounds region;

        Crop(MaskView source, Bounds region) {
            this.source = source;
            this.region = region;
        }

        @Override
        public int width() {
            return region.width();
        }

        @Override
        public int height() {
            return region.height();
        }

        @Override
        public int get(int x, int y) {
            return source.get(region.x() + x, region.y() + y);
        }

        @Override
        public void readRow(int y, int x, int count, byte[] dst, int offset) {
            source.readRow(region.y() + y, region.x() + x, count, dst, offset);
        }

        @Override
        public String toString() {
            return "crop " + region + " of " + source;
        }
    }
}
