package dev.atelier.testkit;

import dev.atelier.core.image.Raster;
import java.util.SplittableRandom;

/**
 * Deterministic test images: the same arguments always give the same pixels, on every machine, so tests can
 * compare against stored expectations and failures reproduce.
 */
public final class SeededImages {

    private SeededImages() {}

    /** Returns opaque random RGB noise from {@code seed}. */
    public static Raster noise(long seed, int width, int height) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] data = new byte[Raster.checkedSize(width, height)];
        for (int i = 0; i < data.length; i += 4) {
            int v = random.nextInt();
            data[i] = (byte) v;
            data[i + 1] = (byte) (v >>> 8);
            data[i + 2] = (byte) (v >>> 16);
            data[i + 3] = (byte) 255;
        }
        return Raster.wrap(width, height, data);
    }

    /** Returns an opaque gradient: red grows left to right, green top to bottom, blue along the diagonal. */
    public static Raster gradient(int width, int height) {
        byte[] data = new byte[Raster.checkedSize(width, height)];
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i += 4) {
                int[] px = gradientAt(x, y, width, height);
                data[i] = (byte) px[0];
                data[i + 1] = (byte) px[1];
                data[i + 2] = (byte) px[2];
                data[i + 3] = (byte) 255;
            }
        }
        return Raster.wrap(width, height, data);
    }

    /**
     * Returns an opaque image whose pixels encode their own position (up to 4096 x 4096): red is x mod 256, green
     * y mod 256, blue the high bits of both. Decode with {@link #xOf} and {@link #yOf}, so an index mistake shows
     * up as the coordinate that was read instead.
     */
    public static Raster coordinates(int width, int height) {
        if (width > 4096 || height > 4096) {
            throw new IllegalArgumentException("coordinate images encode at most 4096x4096, got " + width + "x" + height);
        }
        byte[] data = new byte[Raster.checkedSize(width, height)];
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i += 4) {
                data[i] = (byte) x;
                data[i + 1] = (byte) y;
                data[i + 2] = (byte) ((x >> 8) << 4 | (y >> 8));
                data[i + 3] = (byte) 255;
            }
        }
        return Raster.wrap(width, height, data);
    }

    /** Returns the x a {@link #coordinates} pixel (0xRRGGBBAA) encodes. */
    public static int xOf(int rgba) {
        return (rgba >>> 24) | ((rgba >>> 12) & 0xf) << 8;
    }

    /** Returns the y a {@link #coordinates} pixel (0xRRGGBBAA) encodes. */
    public static int yOf(int rgba) {
        return ((rgba >>> 16) & 0xff) | ((rgba >>> 8) & 0xf) << 8;
    }

    /** Returns a few filled rectangles and discs from {@code seed} on an opaque gradient. */
    public static Raster shapes(long seed, int width, int height) {
        return shapes(seed, width, height, false);
    }

    /**
     * Returns a few opaque filled rectangles and discs from {@code seed}, on a gradient or, when
     * {@code transparentBackground}, on fully transparent black (a cut-out subject, as for background removal).
     */
    public static Raster shapes(long seed, int width, int height, boolean transparentBackground) {
        byte[] data = transparentBackground
                ? new byte[Raster.checkedSize(width, height)]
                : gradient(width, height).toByteArray();
        SplittableRandom random = new SplittableRandom(seed);
        int count = 3 + random.nextInt(3);
        for (int s = 0; s < count; s++) {
            int colour = random.nextInt() | 0xff; // opaque
            int cx = random.nextInt(width);
            int cy = random.nextInt(height);
            int rx = 1 + random.nextInt(Math.max(1, width / 4));
            int ry = 1 + random.nextInt(Math.max(1, height / 4));
            boolean disc = random.nextBoolean();
            for (int y = Math.max(0, cy - ry); y < Math.min(height, cy + ry); y++) {
                for (int x = Math.max(0, cx - rx); x < Math.min(width, cx + rx); x++) {
                    if (disc) {
                        double dx = (x + 0.5 - cx) / rx;
                        double dy = (y + 0.5 - cy) / ry;
                        if (dx * dx + dy * dy > 1) {
                            continue;
                        }
                    }
                    int i = 4 * (y * width + x);
                    data[i] = (byte) (colour >>> 24);
                    data[i + 1] = (byte) (colour >>> 16);
                    data[i + 2] = (byte) (colour >>> 8);
                    data[i + 3] = (byte) colour;
                }
            }
        }
        return Raster.wrap(width, height, data);
    }

    private static int[] gradientAt(int x, int y, int width, int height) {
        int r = width == 1 ? 0 : 255 * x / (width - 1);
        int g = height == 1 ? 0 : 255 * y / (height - 1);
        int b = width + height <= 2 ? 0 : 255 * (x + y) / (width + height - 2);
        return new int[] {r, g, b};
    }
}
