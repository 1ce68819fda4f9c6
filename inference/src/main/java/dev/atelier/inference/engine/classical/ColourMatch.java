package dev.atelier.inference.engine.classical;

import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;

/**
 * Takes the colour shift out of a fill: patches copied from elsewhere can be a little lighter or bluer than the
 * place they land (a sky darkening towards the top, light falling off). Wherever the original is still known —
 * outside the selection, including the feather band the fill repainted, and the old image's band on Expand — the
 * difference original − fill is measured; a smooth version of it, spread into the hole by push-pull (averages over
 * ever larger blocks, pulled back with bilinear interpolation), is added to the fill. Only slow changes are
 * corrected: the fill keeps its own texture.
 */
final class ColourMatch {

    /** Finest pyramid level the correction is taken from: 4x4 blocks, so single-pixel texture never leaks in. */
    private static final int SMOOTH_LEVEL = 2;

    private ColourMatch() {}

    /**
     * Corrects {@code filled} (RGBA, same size as {@code original}) in place where {@code hole} is true, from the
     * hole pixels where {@code known} is true (repainted, but the original is meaningful there). Without such
     * pixels (a hole that is exactly the selection) there is nothing to measure and nothing changes.
     */
    static void apply(RgbaView original, byte[] filled, boolean[] hole, boolean[] known) {
        int w = original.width();
        int h = original.height();
        // Level 0: difference sums and counts per pixel (RGB).
        float[] num = new float[3 * w * h];
        float[] den = new float[w * h];
        byte[] row = new byte[4 * w];
        boolean any = false;
        for (int y = 0; y < h; y++) {
            original.readRow(y, 0, w, row, 0);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!known[i] || !hole[i] || row[4 * x + 3] == 0) { // outside the hole fill = original: no news
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    num[3 * i + c] = (row[4 * x + c] & 0xff) - (filled[4 * i + c] & 0xff);
                }
                den[i] = 1;
                any = true;
            }
        }
        if (!any) {
            return;
        }
        java.util.List<float[]> nums = new java.util.ArrayList<>();
        java.util.List<float[]> dens = new java.util.ArrayList<>();
        java.util.List<int[]> sizes = new java.util.ArrayList<>();
        nums.add(num);
        dens.add(den);
        sizes.add(new int[] {w, h});
        while (sizes.get(sizes.size() - 1)[0] > 1 || sizes.get(sizes.size() - 1)[1] > 1) {
            int[] s = sizes.get(sizes.size() - 1);
            int cw = (s[0] + 1) / 2;
            int ch = (s[1] + 1) / 2;
            float[] n0 = nums.get(nums.size() - 1);
            float[] d0 = dens.get(dens.size() - 1);
            float[] n1 = new float[3 * cw * ch];
            float[] d1 = new float[cw * ch];
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[0]; x++) {
                    int i = y * s[0] + x;
                    int o = (y / 2) * cw + x / 2;
                    d1[o] += d0[i];
                    for (int c = 0; c < 3; c++) {
                        n1[3 * o + c] += n0[3 * i + c];
                    }
                }
            }
            nums.add(n1);
            dens.add(d1);
            sizes.add(new int[] {cw, ch});
        }
        // Pull: the coarsest average, refined level by level where data is dense, down to SMOOTH_LEVEL.
        int top = sizes.size() - 1;
        float[] d = average(nums.get(top), dens.get(top), null, 1);
        for (int l = top - 1; l >= 0; l--) {
            int[] s = sizes.get(l);
            int[] c = sizes.get(l + 1);
            float[] up = upsample(d, c[0], c[1], s[0], s[1]);
            d = l >= SMOOTH_LEVEL ? average(nums.get(l), dens.get(l), up, 1 << (2 * l)) : up;
        }
        for (int i = 0; i < w * h; i++) {
            if (!hole[i]) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                int v = Math.round((filled[4 * i + c] & 0xff) + d[3 * i + c]);
                filled[4 * i + c] = (byte) Math.max(0, Math.min(255, v));
            }
        }
    }

    /** Mean difference per cell, mixed with {@code up} where a cell has few known pixels of its {@code area}. */
    private static float[] average(float[] num, float[] den, float[] up, int area) {
        float[] out = new float[num.length];
        for (int i = 0; i < den.length; i++) {
            float a = up == null ? (den[i] > 0 ? 1 : 0) : Math.min(1, 2 * den[i] / area);
            for (int c = 0; c < 3; c++) {
                float mean = den[i] > 0 ? num[3 * i + c] / den[i] : 0;
                out[3 * i + c] = a * mean + (up == null ? 0 : (1 - a) * up[3 * i + c]);
            }
        }
        return out;
    }

    /** Bilinear 2x upsampling of an RGB float field (pixel centres aligned). */
    private static float[] upsample(float[] src, int sw, int sh, int dw, int dh) {
        float[] out = new float[3 * dw * dh];
        for (int y = 0; y < dh; y++) {
            float fy = Math.max(0, Math.min(sh - 1, (y + 0.5f) / 2 - 0.5f));
            int y0 = (int) fy;
            int y1 = Math.min(sh - 1, y0 + 1);
            float ty = fy - y0;
            for (int x = 0; x < dw; x++) {
                float fx = Math.max(0, Math.min(sw - 1, (x + 0.5f) / 2 - 0.5f));
                int x0 = (int) fx;
                int x1 = Math.min(sw - 1, x0 + 1);
                float tx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    float a = src[3 * (y0 * sw + x0) + c] * (1 - tx) + src[3 * (y0 * sw + x1) + c] * tx;
                    float b = src[3 * (y1 * sw + x0) + c] * (1 - tx) + src[3 * (y1 * sw + x1) + c] * tx;
                    out[3 * (y * dw + x) + c] = a * (1 - ty) + b * ty;
                }
            }
        }
        return out;
    }

    /** Convenience for rasters: returns a corrected copy. */
    static Raster applied(RgbaView original, Raster filled, boolean[] hole, boolean[] known) {
        byte[] px = filled.toByteArray();
        apply(original, px, hole, known);
        return Raster.wrap(filled.width(), filled.height(), px);
    }
}
