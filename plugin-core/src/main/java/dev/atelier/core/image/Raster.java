package dev.atelier.core.image;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An RGBA image that owns its pixels: tightly packed rows, 4 bytes per pixel (R, G, B, A), straight alpha.
 *
 * <p>Treated as an immutable value ({@link #equals} compares pixels). {@link #wrap} takes ownership of the array
 * without copying, which is how engines and the protocol hand large images around; the caller must not write to
 * the array afterwards.
 */
public final class Raster implements RgbaView {

    private final int width;
    private final int height;
    private final byte[] data;

    private Raster(int width, int height, byte[] data) {
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /** Returns a raster over {@code rgba} (not copied; the caller gives up writing to it). */
    public static Raster wrap(int width, int height, byte[] rgba) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long expected = 4L * width * height;
        if (rgba.length != expected) {
            throw new IllegalArgumentException(
                    "RGBA buffer for " + width + "x" + height + " needs " + expected + " bytes, got " + rgba.length);
        }
        return new Raster(width, height, rgba);
    }

    /** Returns a raster of the given size with every pixel set to {@code rgba} (0xRRGGBBAA). */
    public static Raster filled(int width, int height, int rgba) {
        byte[] data = new byte[checkedSize(width, height)];
        byte r = (byte) (rgba >>> 24);
        byte g = (byte) (rgba >>> 16);
        byte b = (byte) (rgba >>> 8);
        byte a = (byte) rgba;
        for (int i = 0; i < data.length; i += 4) {
            data[i] = r;
            data[i + 1] = g;
            data[i + 2] = b;
            data[i + 3] = a;
        }
        return new Raster(width, height, data);
    }

    /** Returns an owned copy of any view's pixels. */
    public static Raster copyOf(RgbaView view) {
        if (view instanceof Raster r) {
            return r;
        }
        int w = view.width();
        int h = view.height();
        byte[] data = new byte[checkedSize(w, h)];
        for (int y = 0; y < h; y++) {
            view.readRow(y, 0, w, data, 4 * w * y);
        }
        return new Raster(w, h, data);
    }

    /** Returns the byte count of a w x h RGBA buffer, refusing sizes a Java array cannot hold. */
    public static int checkedSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long bytes = 4L * width * height;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image " + width + "x" + height + " is too large for one raster");
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
    public int get(int x, int y, int c) {
        return data[4 * (y * width + x) + c] & 0xff;
    }

    @Override
    public int rgba(int x, int y) {
        int i = 4 * (y * width + x);
        return (data[i] & 0xff) << 24 | (data[i + 1] & 0xff) << 16 | (data[i + 2] & 0xff) << 8 | (data[i + 3] & 0xff);
    }

    @Override
    public void readRow(int y, int x, int count, byte[] dst, int offset) {
        System.arraycopy(data, 4 * (y * width + x), dst, offset, 4 * count);
    }

    @Override
    public Raster toRaster() {
        return this;
    }

    /** Returns the pixels as a read-only buffer over the same memory (for writing to a channel without a copy). */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** Returns a copy of the pixel bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /**
     * Returns the backing array itself. For code that only reads it in bulk (encoders, conversions) and must not
     * pay for a copy of a large image; writing to it breaks this value's immutability.
     */
    public byte[] unsafeBytes() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Raster r && r.width == width && r.height == height && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Raster[" + width + "x" + height + "]";
    }
}
