package dev.atelier.inference.engine.classical;

/**
 * Separable Gaussian blur of a single-channel float plane (row-major, width x height), with edge pixels repeated
 * beyond the border. Shared by the edge and line-art extractors.
 */
public final class GaussianBlur {

    private GaussianBlur() {}

    /** Returns the normalised 1D kernel for {@code sigma}, radius ceil(3 sigma) (99.7% of the mass). */
    static float[] kernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        double[] d = new double[k.length];
        for (int i = -radius; i <= radius; i++) {
            d[i + radius] = Math.exp(-(i * (double) i) / (2 * sigma * sigma));
            sum += d[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (d[i] / sum);
        }
        return k;
    }

    /** Returns a blurred copy of {@code plane}; sigma ≤ 0 returns an unblurred copy. */
    public static float[] blur(float[] plane, int width, int height, double sigma) {
        if (plane.length != width * height) {
            throw new IllegalArgumentException("plane has " + plane.length + " values, not " + width + "x" + height);
        }
        if (!(sigma > 0)) {
            return plane.clone();
        }
        float[] k = kernel(sigma);
        int r = k.length / 2;
        float[] tmp = new float[plane.length];
        float[] padded = new float[width + 2 * r];
        for (int y = 0; y < height; y++) {
            // Copy the row with r repeated edge values on each side, so the loop below needs no bounds tests.
            int row = y * width;
            System.arraycopy(plane, row, padded, r, width);
            java.util.Arrays.fill(padded, 0, r, plane[row]);
            java.util.Arrays.fill(padded, r + width, padded.length, plane[row + width - 1]);
            for (int x = 0; x < width; x++) {
                float s = 0;
                for (int t = 0; t < k.length; t++) {
                    s += k[t] * padded[x + t];
                }
                tmp[row + x] = s;
            }
        }
        float[] out = new float[plane.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int t = 0; t < k.length; t++) {
                int sy = Math.min(height - 1, Math.max(0, y + t - r));
                float w = k[t];
                int src = sy * width;
                // Row-wise multiply-add: contiguous, so the JIT vectorises it.
                for (int x = 0; x < width; x++) {
                    out[row + x] += w * tmp[src + x];
                }
            }
        }
        return out;
    }
}
