package dev.atelier.core.image;

/**
 * Conversions between the pixel buffers the hosts hand over and {@link Raster}s (8-bit sRGB RGBA, straight alpha,
 * rows top-down). Every {@code from…} method validates the buffer length and copies, so the host may reuse its
 * buffer.
 */
public final class HostPixels {

    private HostPixels() {}

    /** Returns a raster from Krita's {@code pixelData} of an 8-bit RGBA document, which stores B, G, R, A. */
    public static Raster fromBgra(int width, int height, byte[] bgra) {
        checkLength("Krita BGRA", width, height, 4, bgra.length);
        return Raster.wrap(width, height, swapRedBlue(bgra));
    }

    /** Returns the pixels of {@code image} in Krita's B, G, R, A byte order. */
    public static byte[] toBgra(RgbaView image) {
        return swapRedBlue(rgbaBytes(image));
    }

    /**
     * Returns a raster from Blender's {@code Image.pixels}: linear-light float RGBA with rows bottom-up. Colour is
     * encoded to 8-bit sRGB; alpha is not a colour, so it is only scaled. Out-of-range values are clamped and NaN
     * becomes 0.
     */
    public static Raster fromBlenderFloat(int width, int height, float[] linearRgbaBottomUp) {
        checkLength("Blender float RGBA", width, height, 4, linearRgbaBottomUp.length);
        byte[] data = new byte[Raster.checkedSize(width, height)];
        int rowFloats = 4 * width;
        for (int y = 0; y < height; y++) {
            int src = rowFloats * (height - 1 - y); // Blender's first row is the bottom one
            int dst = rowFloats * y;
            for (int i = 0; i < rowFloats; i += 4) {
                data[dst + i] = (byte) ColorSpace.toSrgb8(linearRgbaBottomUp[src + i]);
                data[dst + i + 1] = (byte) ColorSpace.toSrgb8(linearRgbaBottomUp[src + i + 1]);
                data[dst + i + 2] = (byte) ColorSpace.toSrgb8(linearRgbaBottomUp[src + i + 2]);
                data[dst + i + 3] = (byte) unitTo8(linearRgbaBottomUp[src + i + 3]);
            }
        }
        return Raster.wrap(width, height, data);
    }

    /** Returns {@code image} as Blender's {@code Image.pixels}: linear float RGBA, rows bottom-up. */
    public static float[] toBlenderFloat(RgbaView image) {
        int w = image.width();
        int h = image.height();
        float[] out = new float[Raster.checkedSize(w, h)];
        byte[] row = new byte[4 * w];
        for (int y = 0; y < h; y++) {
            image.readRow(y, 0, w, row, 0);
            int dst = 4 * w * (h - 1 - y);
            for (int i = 0; i < row.length; i += 4) {
                out[dst + i] = ColorSpace.toLinear(row[i]);
                out[dst + i + 1] = ColorSpace.toLinear(row[i + 1]);
                out[dst + i + 2] = ColorSpace.toLinear(row[i + 2]);
                out[dst + i + 3] = (row[i + 3] & 0xff) / 255f;
            }
        }
        return out;
    }

    /** Returns a raster from a GIMP buffer in babl format "R'G'B'A u8", which is already our layout (copied). */
    public static Raster fromGimpRgba(int width, int height, byte[] rgba) {
        checkLength("GIMP R'G'B'A u8", width, height, 4, rgba.length);
        return Raster.wrap(width, height, rgba.clone());
    }

    /** Returns a raster from a GIMP buffer in babl format "R'G'B' u8" (no alpha), every pixel opaque. */
    public static Raster fromGimpRgb(int width, int height, byte[] rgb) {
        checkLength("GIMP R'G'B' u8", width, height, 3, rgb.length);
        byte[] data = new byte[Raster.checkedSize(width, height)];
        for (int p = 0, s = 0; p < data.length; p += 4, s += 3) {
            data[p] = rgb[s];
            data[p + 1] = rgb[s + 1];
            data[p + 2] = rgb[s + 2];
            data[p + 3] = (byte) 255;
        }
        return Raster.wrap(width, height, data);
    }

    /** Returns the pixels of {@code image} in babl format "R'G'B'A u8" (a fresh array the caller may keep). */
    public static byte[] toGimpRgba(RgbaView image) {
        return rgbaBytes(image);
    }

    private static byte[] rgbaBytes(RgbaView image) {
        if (image instanceof Raster r) {
            return r.toByteArray();
        }
        return Raster.copyOf(image).unsafeBytes(); // the copy is ours alone, so handing out its array is safe
    }

    private static byte[] swapRedBlue(byte[] src) {
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i += 4) {
            out[i] = src[i + 2];
            out[i + 1] = src[i + 1];
            out[i + 2] = src[i];
            out[i + 3] = src[i + 3];
        }
        return out;
    }

    private static int unitTo8(float v) {
        if (!(v > 0f)) {
            return 0; // also NaN
        }
        return v >= 1f ? 255 : Math.round(v * 255f);
    }

    private static void checkLength(String format, int width, int height, int channels, int actual) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long expected = (long) channels * width * height;
        if (actual != expected) {
            throw new IllegalArgumentException(format + " buffer for " + width + "x" + height + " needs " + expected
                    + " values, got " + actual);
        }
    }
}
