package dev.atelier.core.plan;

import dev.atelier.core.image.MaskView;

/**
 * Exact Euclidean distance to the nearest "seed" pixel, by two passes of the lower-envelope algorithm of
 * Felzenszwalb and Huttenlocher (rows, then columns): linear in the pixel count whatever the distances, so growing
 * a mask by 256 px costs the same as by 1.
 */
final class DistanceField {

    /** Larger than any squared distance on a canvas Java can hold. */
    private static final float FAR = 1e20f;

    private DistanceField() {}

    /** Returns, per pixel, the distance to the nearest pixel of {@code mask} with coverage at least {@code min}. */
    static float[] toCoverage(MaskView mask, int min) {
        int w = mask.width();
        int h = mask.height();
        float[] f = new float[w * h];
        byte[] row = new byte[w];
        for (int y = 0; y < h; y++) {
            mask.readRow(y, 0, w, row, 0);
            for (int x = 0; x < w; x++) {
                f[y * w + x] = (row[x] & 0xff) >= min ? 0 : FAR;
            }
        }
        return distances(f, w, h);
    }

    /** Turns a field of 0 (seed) / {@link #FAR} into distances in place and returns it. */
    static float[] distances(float[] f, int w, int h) {
        int n = Math.max(w, h);
        float[] line = new float[n];
        float[] out = new float[n];
        int[] v = new int[n];
        float[] z = new float[n + 1];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                line[y] = f[y * w + x];
            }
            envelope(line, h, out, v, z);
            for (int y = 0; y < h; y++) {
                f[y * w + x] = out[y];
            }
        }
        for (int y = 0; y < h; y++) {
            System.arraycopy(f, y * w, line, 0, w);
            envelope(line, w, out, v, z);
            for (int x = 0; x < w; x++) {
                f[y * w + x] = (float) Math.sqrt(out[x]);
            }
        }
        return f;
    }

    /** Where the parabolas rooted at p and q meet; doubles keep FAR + q² exact enough. */
    private static double meet(float[] g, int p, int q) {
        return ((double) g[q] + (double) q * q - g[p] - (double) p * p) / (2.0 * (q - p));
    }

    /** One-dimensional squared distance transform of {@code g[0..n)} into {@code d}. */
    private static void envelope(float[] g, int n, float[] d, int[] v, float[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Float.NEGATIVE_INFINITY;
        z[1] = Float.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = meet(g, v[k], q);
            while (s <= z[k]) { // z[0] is -infinity, so this stops at k == 0
                k--;
                s = meet(g, v[k], q);
            }
            k++;
            v[k] = q;
            z[k] = (float) s;
            z[k + 1] = Float.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            int p = v[k];
            d[q] = (float) Math.min(FAR, (double) (q - p) * (q - p) + g[p]);
        }
    }
}
