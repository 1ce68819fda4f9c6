package dev.atelier.inference.engine.onnx;

import dev.atelier.core.image.RgbaView;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.core.error.AtelierException;
import dev.atelier.inference.engine.classical.Bilinear;

/**
 * Refines a coarse mask against the image it belongs to with a colour guided filter (He, Sun and Tang, 2010): in
 * each small window the mask is fitted as a linear function of the RGB values, so where the mask changes the
 * result follows the image's own edges, and where it is flat it stays flat. The fit is done at a working size of
 * at most {@value #WORK_SIDE} pixels a side (the detail a 1024² model mask holds) and its coefficients are then
 * applied to every source pixel ("fast guided filter"), so edges land at source resolution and memory stays
 * bounded whatever the image size.
 */
final class GuidedFilter {

    /** The working resolution's longer side, at most. */
    static final int WORK_SIDE = 1024;
    /** Regularisation: colour variance (0..1 units) below which a window is treated as flat. */
    static final float EPS = 1e-3f;
    /**
     * Values within this of 0 or 1 become exact (the rest is stretched linearly): a model is never quite certain,
     * and a subject at alpha 254 would let the background show through.
     */
    static final float SNAP = 0.02f;

    private GuidedFilter() {}

    /**
     * Returns the refined mask (0..1, near-certain values snapped to 0 or 1) at {@code src}'s size. {@code mask} is {@code mw}×{@code mh} values
     * 0..1 covering the whole image (stretched; it is resampled bilinearly).
     */
    static float[] refine(RgbaView src, float[] mask, int mw, int mh, CancelToken cancel) throws AtelierException {
        int w = src.width();
        int h = src.height();
        int s = (int) Math.ceil(Math.max(w, h) / (double) WORK_SIDE);
        int lw = (w + s - 1) / s;
        int lh = (h + s - 1) / s;
        int r = Math.max(2, Math.round(Math.max(lw, lh) / 256f)); // 4 at 1024: a few model pixels either side
        int n = lw * lh;

        float[][] guide = downsample(src, s, lw, lh);
        float[] p = Bilinear.resize(mask, mw, mh, lw, lh);
        cancel.check();
        float[][] mean = new float[3][];
        for (int c = 0; c < 3; c++) {
            mean[c] = box(guide[c], lw, lh, r);
        }
        float[] meanP = box(p, lw, lh, r);
        float[][] cov = new float[3][]; // cov(I_c, p)
        for (int c = 0; c < 3; c++) {
            float[] prod = new float[n];
            for (int i = 0; i < n; i++) {
                prod[i] = guide[c][i] * p[i];
            }
            cov[c] = box(prod, lw, lh, r);
            for (int i = 0; i < n; i++) {
                cov[c][i] -= mean[c][i] * meanP[i];
            }
        }
        cancel.check();
        float[][] var = new float[6][]; // rr, rg, rb, gg, gb, bb
        int k = 0;
        for (int c = 0; c < 3; c++) {
            for (int d = c; d < 3; d++) {
                float[] prod = new float[n];
                for (int i = 0; i < n; i++) {
                    prod[i] = guide[c][i] * guide[d][i];
                }
                var[k] = box(prod, lw, lh, r);
                for (int i = 0; i < n; i++) {
                    var[k][i] -= mean[c][i] * mean[d][i];
                }
                k++;
            }
        }
        cancel.check();
        // a = (Σ + εU)⁻¹ cov(I, p), b = mean(p) − a·mean(I); stored over cov and meanP
        for (int i = 0; i < n; i++) {
            double rr = var[0][i] + EPS;
            double rg = var[1][i];
            double rb = var[2][i];
            double gg = var[3][i] + EPS;
            double gb = var[4][i];
            double bb = var[5][i] + EPS;
            double i00 = gg * bb - gb * gb;
            double i01 = rb * gb - rg * bb;
            double i02 = rg * gb - rb * gg;
            double i11 = rr * bb - rb * rb;
            double i12 = rb * rg - rr * gb;
            double i22 = rr * gg - rg * rg;
            double det = rr * i00 + rg * i01 + rb * i02;
            double x = cov[0][i];
            double y = cov[1][i];
            double z = cov[2][i];
            float a0 = (float) ((i00 * x + i01 * y + i02 * z) / det);
            float a1 = (float) ((i01 * x + i11 * y + i12 * z) / det);
            float a2 = (float) ((i02 * x + i12 * y + i22 * z) / det);
            cov[0][i] = a0;
            cov[1][i] = a1;
            cov[2][i] = a2;
            meanP[i] -= a0 * mean[0][i] + a1 * mean[1][i] + a2 * mean[2][i];
        }
        float[][] a = new float[3][];
        for (int c = 0; c < 3; c++) {
            a[c] = box(cov[c], lw, lh, r);
        }
        float[] b = box(meanP, lw, lh, r);
        cancel.check();
        return apply(src, s, lw, lh, a, b);
    }

    /** q = a·I + b at every source pixel, a and b interpolated from the working size; snapped and clamped to 0..1. */
    private static float[] apply(RgbaView src, int s, int lw, int lh, float[][] a, float[] b) {
        int w = src.width();
        int h = src.height();
        float[] out = new float[w * h];
        byte[] row = new byte[4 * w];
        for (int y = 0; y < h; y++) {
            src.readRow(y, 0, w, row, 0);
            float fy = Math.max(0, Math.min(lh - 1, (y + 0.5f) / s - 0.5f));
            int y0 = (int) fy;
            int y1 = Math.min(lh - 1, y0 + 1);
            float ty = fy - y0;
            for (int x = 0; x < w; x++) {
                float fx = Math.max(0, Math.min(lw - 1, (x + 0.5f) / s - 0.5f));
                int x0 = (int) fx;
                int x1 = Math.min(lw - 1, x0 + 1);
                float tx = fx - x0;
                int i00 = y0 * lw + x0;
                int i01 = y0 * lw + x1;
                int i10 = y1 * lw + x0;
                int i11 = y1 * lw + x1;
                float q = lerp(b, i00, i01, i10, i11, tx, ty);
                for (int c = 0; c < 3; c++) {
                    q += lerp(a[c], i00, i01, i10, i11, tx, ty) * (row[4 * x + c] & 0xff) / 255f;
                }
                out[y * w + x] = Math.max(0, Math.min(1, (q - SNAP) / (1 - 2 * SNAP)));
            }
        }
        return out;
    }

    private static float lerp(float[] v, int i00, int i01, int i10, int i11, float tx, float ty) {
        float top = v[i00] + (v[i01] - v[i00]) * tx;
        float bottom = v[i10] + (v[i11] - v[i10]) * tx;
        return top + (bottom - top) * ty;
    }

    /** RGB planes (0..1) at the working size: the mean of each s×s block (partial blocks at the edges). */
    static float[][] downsample(RgbaView src, int s, int lw, int lh) {
        int w = src.width();
        int h = src.height();
        float[][] out = new float[3][lw * lh];
        float[] count = new float[lw * lh];
        byte[] row = new byte[4 * w];
        for (int y = 0; y < h; y++) {
            src.readRow(y, 0, w, row, 0);
            int base = (y / s) * lw;
            for (int x = 0; x < w; x++) {
                int i = base + x / s;
                for (int c = 0; c < 3; c++) {
                    out[c][i] += (row[4 * x + c] & 0xff) / 255f;
                }
                count[i]++;
            }
        }
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < count.length; i++) {
                out[c][i] /= count[i];
            }
        }
        return out;
    }

    /** The mean over a (2r+1)² window, clipped at the borders, with running sums (cost independent of r). */
    static float[] box(float[] in, int w, int h, int r) {
        float[] tmp = new float[w * h];
        for (int y = 0; y < h; y++) {
            int o = y * w;
            double sum = 0;
            for (int x = 0; x <= Math.min(r, w - 1); x++) {
                sum += in[o + x];
            }
            for (int x = 0; x < w; x++) {
                int lo = Math.max(0, x - r);
                int hi = Math.min(w - 1, x + r);
                tmp[o + x] = (float) (sum / (hi - lo + 1));
                if (x + r + 1 < w) {
                    sum += in[o + x + r + 1];
                }
                if (x - r >= 0) {
                    sum -= in[o + x - r];
                }
            }
        }
        float[] out = new float[w * h];
        double[] sums = new double[w];
        for (int y = 0; y <= Math.min(r, h - 1); y++) {
            for (int x = 0; x < w; x++) {
                sums[x] += tmp[y * w + x];
            }
        }
        for (int y = 0; y < h; y++) {
            int lo = Math.max(0, y - r);
            int hi = Math.min(h - 1, y + r);
            float norm = hi - lo + 1;
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (float) (sums[x] / norm);
            }
            if (y + r + 1 < h) {
                for (int x = 0; x < w; x++) {
                    sums[x] += tmp[(y + r + 1) * w + x];
                }
            }
            if (y - r >= 0) {
                for (int x = 0; x < w; x++) {
                    sums[x] -= tmp[(y - r) * w + x];
                }
            }
        }
        return out;
    }
}
