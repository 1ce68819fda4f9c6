package dev.atelier.inference.bench;

import dev.atelier.core.image.RgbaView;
import java.util.Arrays;
import java.util.Locale;

/** Small pure helpers the benchmarks share: medians, ratios in words, and PSNR against a model's float output. */
public final class BenchFigures {

    private BenchFigures() {}

    /** The median of {@code values} (the mean of the middle two for an even count). */
    public static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * Says how {@code ours} compares with {@code theirs} (both times), e.g. "82.3x faster" or "1.40x slower";
     * ratios are always ≥ 1 so they read the same both ways.
     */
    public static String speed(double ours, double theirs) {
        if (!(ours > 0) || !(theirs > 0)) {
            return "n/a";
        }
        return ours <= theirs ? String.format(Locale.ROOT, "%.2fx faster", theirs / ours)
                : String.format(Locale.ROOT, "%.2fx slower", ours / theirs);
    }

    /**
     * PSNR (dB, RGB, 8-bit) of {@code image} against a model's output {@code hwc} (interleaved RGB floats in
     * 0..rangeMax, the same size), rounded and clamped to 8 bits as our upscaler does.
     */
    public static double psnr(RgbaView image, float[] hwc, float rangeMax) {
        int w = image.width();
        int h = image.height();
        if (hwc.length != 3L * w * h) {
            throw new IllegalArgumentException(hwc.length + " values are not " + w + "x" + h + " RGB");
        }
        float k = 255f / rangeMax;
        double se = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int other = Math.max(0, Math.min(255, Math.round(hwc[3 * (y * w + x) + c] * k)));
                    int d = image.get(x, y, c) - other;
                    se += d * d;
                }
            }
        }
        double mse = se / (3.0 * w * h);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
