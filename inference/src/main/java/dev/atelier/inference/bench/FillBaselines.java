package dev.atelier.inference.bench;

import dev.atelier.core.image.MaskView;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;

/**
 * What a fill is judged against: the error inside the hole (RMSE over R, G, B against the original), and two
 * naive fills a content-aware one must beat: the mean colour of the known pixels, and a blur fill (the hole
 * filled by repeated 3x3 averaging that only ever reads known or already-filled pixels, until it settles: the
 * smooth membrane that "blur" pre-fills approximate).
 */
public final class FillBaselines {

    private FillBaselines() {}

    /** Root-mean-square error over RGB of the pixels where {@code hole} is above 0. */
    public static double holeRmse(RgbaView original, RgbaView filled, MaskView hole) {
        double sum = 0;
        long n = 0;
        for (int y = 0; y < original.height(); y++) {
            for (int x = 0; x < original.width(); x++) {
                if (hole.get(x, y) == 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    double d = original.get(x, y, c) - filled.get(x, y, c);
                    sum += d * d;
                }
                n += 3;
            }
        }
        return Math.sqrt(sum / Math.max(1, n));
    }

    /** Returns true when every pixel outside the hole is byte-identical. */
    public static boolean sameOutside(RgbaView original, RgbaView filled, MaskView hole) {
        for (int y = 0; y < original.height(); y++) {
            for (int x = 0; x < original.width(); x++) {
                if (hole.get(x, y) == 0 && original.rgba(x, y) != filled.rgba(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The hole filled with the mean colour of all known pixels. */
    public static Raster meanFill(RgbaView image, MaskView hole) {
        long[] sum = new long[4];
        long n = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                if (hole.get(x, y) == 0) {
                    for (int c = 0; c < 4; c++) {
                        sum[c] += image.get(x, y, c);
                    }
                    n++;
                }
            }
        }
        int[] mean = new int[4];
        for (int c = 0; c < 4; c++) {
            mean[c] = (int) Math.round(sum[c] / (double) Math.max(1, n));
        }
        return replace(image, hole, (x, y, c, px) -> mean[c]);
    }

    /** The hole filled by diffusing the border colours inwards until the fill stops changing (a membrane). */
    public static Raster blurFill(RgbaView image, MaskView hole) {
        int w = image.width();
        int h = image.height();
        float[] v = new float[4 * w * h];
        boolean[] unknown = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                unknown[y * w + x] = hole.get(x, y) != 0;
                for (int c = 0; c < 4; c++) {
                    v[4 * (y * w + x) + c] = image.get(x, y, c);
                }
            }
        }
        // Start from the mean, then Gauss-Seidel sweeps of 4-neighbour averaging: converges to the harmonic fill.
        Raster start = meanFill(image, hole);
        for (int i = 0; i < w * h; i++) {
            if (unknown[i]) {
                for (int c = 0; c < 4; c++) {
                    v[4 * i + c] = start.get(i % w, i / w, c);
                }
            }
        }
        var b = hole.nonZeroBounds();
        for (int sweep = 0; sweep < 3 * Math.max(b.width(), b.height()); sweep++) {
            for (int y = b.y(); y < b.bottom(); y++) {
                for (int x = b.x(); x < b.right(); x++) {
                    int i = y * w + x;
                    if (!unknown[i]) {
                        continue;
                    }
                    for (int c = 0; c < 4; c++) {
                        float s = 0;
                        int k = 0;
                        if (x > 0) { s += v[4 * (i - 1) + c]; k++; }
                        if (x < w - 1) { s += v[4 * (i + 1) + c]; k++; }
                        if (y > 0) { s += v[4 * (i - w) + c]; k++; }
                        if (y < h - 1) { s += v[4 * (i + w) + c]; k++; }
                        v[4 * i + c] = s / k;
                    }
                }
            }
        }
        return replace(image, hole, (x, y, c, px) -> Math.round(v[4 * (y * w + x) + c]));
    }

    private interface PixelFn {
        int value(int x, int y, int c, RgbaView image);
    }

    private static Raster replace(RgbaView image, MaskView hole, PixelFn fn) {
        int w = image.width();
        int h = image.height();
        byte[] out = new byte[Raster.checkedSize(w, h)];
        for (int y = 0; y < h; y++) {
            image.readRow(y, 0, w, out, 4 * w * y);
            for (int x = 0; x < w; x++) {
                if (hole.get(x, y) != 0) {
                    for (int c = 0; c < 4; c++) {
                        out[4 * (y * w + x) + c] = (byte) Math.max(0, Math.min(255, fn.value(x, y, c, image)));
                    }
                }
            }
        }
        return Raster.wrap(w, h, out);
    }
}
