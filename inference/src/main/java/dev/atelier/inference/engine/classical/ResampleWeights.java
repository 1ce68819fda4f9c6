package dev.atelier.inference.engine.classical;

/**
 * Lanczos-3 filter taps for one axis, computed once per resize: for each output index, a run of contiguous source
 * indices and their normalised weights. Edge handling (clamping) is folded into the taps, so the inner loops never
 * test bounds.
 */
final class ResampleWeights {

    static final int LOBES = 3;

    /** First source index of each output index's taps. */
    final int[] start;
    /** Number of taps of each output index (at most {@link #stride}). */
    final int[] count;
    /** Weights, {@code stride} slots per output index; unused slots are zero. */
    final float[] weights;
    final int stride;

    private ResampleWeights(int[] start, int[] count, float[] weights, int stride) {
        this.start = start;
        this.count = count;
        this.weights = weights;
        this.stride = stride;
    }

    /**
     * Returns the taps mapping {@code inSize} samples onto {@code outSize}. Pixel centres are aligned like vips and
     * ImageMagick: output index o samples source position (o + 0.5) / scale - 0.5. When shrinking, the kernel is
     * widened by 1/scale so it also low-passes (no aliasing).
     */
    static ResampleWeights lanczos3(int inSize, int outSize) {
        double scale = (double) outSize / inSize;
        double widen = Math.max(1.0, 1.0 / scale);
        double support = LOBES * widen;
        int stride = (int) Math.ceil(2 * support) + 1;
        int[] start = new int[outSize];
        int[] count = new int[outSize];
        float[] weights = new float[outSize * stride];
        double[] w = new double[stride];
        for (int o = 0; o < outSize; o++) {
            double centre = (o + 0.5) / scale - 0.5;
            int lo = (int) Math.ceil(centre - support);
            int hi = (int) Math.floor(centre + support);
            int first = clamp(lo, inSize);
            int last = clamp(hi, inSize);
            java.util.Arrays.fill(w, 0.0);
            double sum = 0;
            for (int i = lo; i <= hi; i++) {
                double k = kernel((i - centre) / widen);
                w[clamp(i, inSize) - first] += k; // samples beyond the edge repeat the edge pixel
                sum += k;
            }
            start[o] = first;
            count[o] = last - first + 1;
            for (int t = 0; t < count[o]; t++) {
                weights[o * stride + t] = (float) (w[t] / sum);
            }
        }
        return new ResampleWeights(start, count, weights, stride);
    }

    /** Returns the Lanczos-3 kernel sinc(x) sinc(x/3) for |x| < 3, else 0. */
    static double kernel(double x) {
        double ax = Math.abs(x);
        if (ax < 1e-12) {
            return 1.0;
        }
        if (ax >= LOBES) {
            return 0.0;
        }
        double px = Math.PI * x;
        return LOBES * Math.sin(px) * Math.sin(px / LOBES) / (px * px);
    }

    /** Returns the last source index the taps of output indices [from, to) read. */
    int lastIndex(int from, int to) {
        int last = 0;
        for (int o = from; o < to; o++) {
            last = Math.max(last, start[o] + count[o] - 1);
        }
        return last;
    }

    /** Returns the first source index the taps of output indices [from, to) read. */
    int firstIndex(int from, int to) {
        int first = Integer.MAX_VALUE;
        for (int o = from; o < to; o++) {
            first = Math.min(first, start[o]);
        }
        return first;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : Math.min(i, n - 1);
    }
}
