package dev.atelier.inference.engine.esrgan;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import java.util.Arrays;

/**
 * Runs a fixed-scale super-resolution model over an image in overlapping tiles. Each tile is read with a margin of
 * context that is cropped off, and neighbouring tiles overlap by {@code overlap} input pixels over which their
 * outputs are blended with linear (feathered) weights, so no seams show. Only one row of tiles is accumulated in
 * floats at a time, so memory beyond the result is bounded by the tile size, whatever the image size.
 */
public final class TiledUpscaler {

    /** A model that enlarges a planar RGB tile (values 0..rangeMax) by a fixed scale. */
    @FunctionalInterface
    public interface TileModel {
        /** Returns 3 planes of (h·scale)×(w·scale) values for 3 planes of h×w values. */
        float[] run(float[] chw, int width, int height) throws AtelierException;
    }

    /** Input tile side (core, before margins) and the overlap between neighbours, in input pixels. */
    public record Tiling(int tile, int overlap, int margin) {
        public static final Tiling DEFAULT = new Tiling(128, 16, 8);

        public Tiling {
            if (tile < 8 || overlap < 0 || overlap * 2 > tile || margin < 0) {
                throw new IllegalArgumentException("bad tiling " + tile + "/" + overlap + "/" + margin);
            }
        }
    }

    private TiledUpscaler() {}

    /**
     * Returns {@code src} enlarged by {@code scale} with {@code model}; progress goes from {@code from} to {@code to}.
     * Alpha is not seen by the model: the result is opaque where the source is, else {@code alpha} supplies it.
     */
    public static Raster upscale(RgbaView src, int scale, float rangeMax, TileModel model, Tiling tiling,
            RgbaView alpha, ProgressSink progress, double from, double to, CancelToken cancel)
            throws AtelierException {
        int w = src.width();
        int h = src.height();
        long outWl = (long) w * scale;
        long outHl = (long) h * scale;
        if (4 * outWl * outHl > Integer.MAX_VALUE - 8) {
            throw new AtelierException(ErrorCode.IMAGE_TOO_LARGE, "Result " + outWl + "x" + outHl
                    + " is too large for one image (at most 2^31 bytes of RGBA)");
        }
        int outW = (int) outWl;
        int outH = (int) outHl;
        int[] xs = starts(w, tiling);
        int[] ys = starts(h, tiling);
        int tw = Math.min(tiling.tile(), w);
        int th = Math.min(tiling.tile(), h);
        byte[] out;
        float[] acc;
        float[] weight;
        try {
            out = new byte[4 * outW * outH];
            acc = new float[3 * th * scale * outW];
            weight = new float[th * scale * outW];
        } catch (OutOfMemoryError e) {
            throw new AtelierException(ErrorCode.OUT_OF_MEMORY, "Not enough memory for a " + outW + "x" + outH
                    + " result", e);
        }
        int bandRows = th * scale;
        int plane = bandRows * outW;
        int origin = 0; // output row of the band's first row
        int total = xs.length * ys.length;
        int done = 0;
        float feather = Math.max(1, tiling.overlap() * scale);
        for (int ty = 0; ty < ys.length; ty++) {
            int y0 = ys[ty];
            int newOrigin = y0 * scale;
            if (newOrigin > origin) { // rows above this tile row are final
                flush(acc, weight, plane, outW, origin, newOrigin - origin, rangeMax, out);
                int shift = (newOrigin - origin) * outW;
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(acc, c * plane + shift, acc, c * plane, plane - shift);
                    Arrays.fill(acc, c * plane + plane - shift, (c + 1) * plane, 0f);
                }
                System.arraycopy(weight, shift, weight, 0, plane - shift);
                Arrays.fill(weight, plane - shift, plane, 0f);
                origin = newOrigin;
            }
            for (int tx = 0; tx < xs.length; tx++) {
                cancel.check();
                int x0 = xs[tx];
                int rx0 = Math.max(0, x0 - tiling.margin());
                int ry0 = Math.max(0, y0 - tiling.margin());
                int rx1 = Math.min(w, x0 + tw + tiling.margin());
                int ry1 = Math.min(h, y0 + th + tiling.margin());
                int rw = rx1 - rx0;
                int rh = ry1 - ry0;
                float[] in = new float[3 * rw * rh];
                float k = rangeMax / 255f;
                for (int y = 0; y < rh; y++) {
                    for (int x = 0; x < rw; x++) {
                        for (int c = 0; c < 3; c++) {
                            in[(c * rh + y) * rw + x] = src.get(rx0 + x, ry0 + y, c) * k;
                        }
                    }
                }
                float[] res = model.run(in, rw, rh);
                int ow = rw * scale;
                int oh = rh * scale;
                if (res.length != 3 * ow * oh) {
                    // e.g. a ×2 model installed as ×4: say so rather than produce a garbled image
                    throw new AtelierException(ErrorCode.ENGINE_FAILURE, "The model returned " + res.length
                            + " values for a " + rw + "x" + rh + " tile, not the " + 3 * ow * oh + " of a ×" + scale
                            + " RGB result: its scale or outputs do not match its manifest");
                }
                boolean left = tx > 0;
                boolean right = tx < xs.length - 1;
                boolean top = ty > 0;
                boolean bottom = ty < ys.length - 1;
                int cx0 = x0 * scale;
                int cx1 = (x0 + tw) * scale;
                int cy0 = y0 * scale;
                int cy1 = (y0 + th) * scale;
                for (int oy = cy0; oy < cy1; oy++) {
                    float wy = ramp(oy, cy0, cy1, top, bottom, feather);
                    int sy = oy - ry0 * scale;
                    int row = (oy - origin) * outW;
                    for (int ox = cx0; ox < cx1; ox++) {
                        float wgt = wy * ramp(ox, cx0, cx1, left, right, feather);
                        if (wgt <= 0) {
                            continue;
                        }
                        int sx = ox - rx0 * scale;
                        int i = row + ox;
                        for (int c = 0; c < 3; c++) {
                            acc[c * plane + i] += wgt * res[(c * oh + sy) * ow + sx];
                        }
                        weight[i] += wgt;
                    }
                }
                done++;
                progress.report(from + (to - from) * done / total, "tile " + done + "/" + total);
            }
        }
        flush(acc, weight, plane, outW, origin, outH - origin, rangeMax, out);
        boolean opaque = true;
        for (int y = 0; y < h && opaque; y++) {
            for (int x = 0; x < w; x++) {
                if (src.get(x, y, 3) != 255) {
                    opaque = false;
                    break;
                }
            }
        }
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                out[4 * (y * outW + x) + 3] = (byte) (opaque || alpha == null ? 255 : alpha.get(x, y, 3));
            }
        }
        return Raster.wrap(outW, outH, out);
    }

    /** Returns whether the source has any non-opaque pixel. */
    public static boolean hasAlpha(RgbaView src) {
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                if (src.get(x, y, 3) != 255) {
                    return true;
                }
            }
        }
        return false;
    }

    private static float ramp(int p, int lo, int hi, boolean before, boolean after, float feather) {
        float v = 1f;
        if (before) {
            v = Math.min(v, (p - lo + 0.5f) / feather);
        }
        if (after) {
            v = Math.min(v, (hi - p - 0.5f) / feather);
        }
        return Math.max(0f, v);
    }

    private static void flush(float[] acc, float[] weight, int plane, int outW, int origin, int rows, float rangeMax,
            byte[] out) {
        float k = 255f / rangeMax;
        for (int r = 0; r < rows; r++) {
            for (int x = 0; x < outW; x++) {
                int i = r * outW + x;
                float wgt = weight[i];
                int o = 4 * ((origin + r) * outW + x);
                for (int c = 0; c < 3; c++) {
                    float v = wgt > 0 ? acc[c * plane + i] / wgt * k : 0f;
                    out[o + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
    }

    /** Returns tile start offsets along one axis: a step of tile − overlap, the last tile flush with the edge. */
    static int[] starts(int size, Tiling t) {
        if (size <= t.tile()) {
            return new int[] {0};
        }
        int step = t.tile() - t.overlap();
        int n = (size - t.tile() + step - 1) / step + 1;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.min(i * step, size - t.tile());
        }
        return s;
    }
}
