package dev.atelier.inference.engine.diffusion;

import dev.atelier.core.image.MaskView;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.inference.diffusion.RgbPlanes;

/**
 * Between host pixels (RGBA bytes, masks) and the pipeline's float planes, resizing on the way: the pipeline works
 * at the model's size, the host at the canvas's. Bilinear with pixel centres aligned; a downscale first averages
 * whole source pixels per target pixel (box filter), so large crops do not alias.
 */
final class Pixels {

    private Pixels() {}

    /**
     * The generation size for a {@code w}×{@code h} area: the longer side at {@code side}, the aspect kept, both
     * sides multiples of 8 (what the VAE needs).
     */
    static int[] generationSize(int w, int h, int side) {
        double scale = side / (double) Math.max(w, h);
        return new int[] {round8(w * scale), round8(h * scale)};
    }

    private static int round8(double v) {
        return Math.max(8, (int) Math.round(v / 8) * 8);
    }

    /** The RGB of {@code src} at dw×dh, values 0..1. */
    static RgbPlanes planes(RgbaView src, int dw, int dh) {
        int w = src.width();
        int h = src.height();
        float[][] in = new float[3][w * h];
        byte[] row = new byte[4 * w];
        for (int y = 0; y < h; y++) {
            src.readRow(y, 0, w, row, 0);
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    in[c][y * w + x] = (row[4 * x + c] & 0xff) / 255f;
                }
            }
        }
        float[] out = new float[3 * dw * dh];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(resize(in[c], w, h, dw, dh), 0, out, c * dw * dh, dw * dh);
        }
        return new RgbPlanes(dw, dh, out);
    }

    /** The mask at dw×dh, values 0..1. */
    static float[] mask(MaskView m, int dw, int dh) {
        int w = m.width();
        int h = m.height();
        float[] in = new float[w * h];
        byte[] row = new byte[w];
        for (int y = 0; y < h; y++) {
            m.readRow(y, 0, w, row, 0);
            for (int x = 0; x < w; x++) {
                in[y * w + x] = (row[x] & 0xff) / 255f;
            }
        }
        return resize(in, w, h, dw, dh);
    }

    /** {@code image} resized to dw×dh as opaque RGBA, or with the alpha of {@code alpha} (dw×dh) when given. */
    static Raster raster(RgbPlanes image, int dw, int dh, RgbaView alpha) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        float[][] planes = new float[3][];
        for (int c = 0; c < 3; c++) {
            float[] p = new float[n];
            System.arraycopy(image.values(), c * n, p, 0, n);
            planes[c] = resize(p, w, h, dw, dh);
        }
        byte[] out = new byte[Raster.checkedSize(dw, dh)];
        for (int y = 0, i = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++, i++) {
                for (int c = 0; c < 3; c++) {
                    out[4 * i + c] = (byte) Math.round(Math.min(1f, Math.max(0f, planes[c][i])) * 255f);
                }
                out[4 * i + 3] = (byte) (alpha == null ? 255 : alpha.get(x, y, 3));
            }
        }
        return Raster.wrap(dw, dh, out);
    }

    /** Returns the w×h plane {@code in} at dw×dh: box-averaged first when shrinking, then bilinear. */
    static float[] resize(float[] in, int w, int h, int dw, int dh) {
        if (w == dw && h == dh) {
            return in.clone();
        }
        int fx = Math.max(1, w / dw);
        int fy = Math.max(1, h / dh);
        if (fx > 1 || fy > 1) {
            int bw = w / fx;
            int bh = h / fy;
            float[] box = new float[bw * bh];
            for (int y = 0; y < bh; y++) {
                for (int x = 0; x < bw; x++) {
                    float s = 0;
                    for (int yy = 0; yy < fy; yy++) {
                        for (int xx = 0; xx < fx; xx++) {
                            s += in[(y * fy + yy) * w + x * fx + xx];
                        }
                    }
                    box[y * bw + x] = s / (fx * fy);
                }
            }
            return bilinear(box, bw, bh, dw, dh);
        }
        return bilinear(in, w, h, dw, dh);
    }

    private static float[] bilinear(float[] in, int w, int h, int dw, int dh) {
        float[] out = new float[dw * dh];
        float sx = w / (float) dw;
        float sy = h / (float) dh;
        for (int y = 0; y < dh; y++) {
            float py = Math.max(0, Math.min(h - 1, (y + 0.5f) * sy - 0.5f));
            int y0 = (int) py;
            int y1 = Math.min(h - 1, y0 + 1);
            float ty = py - y0;
            for (int x = 0; x < dw; x++) {
                float px = Math.max(0, Math.min(w - 1, (x + 0.5f) * sx - 0.5f));
                int x0 = (int) px;
                int x1 = Math.min(w - 1, x0 + 1);
                float tx = px - x0;
                float top = in[y0 * w + x0] + (in[y0 * w + x1] - in[y0 * w + x0]) * tx;
                float bottom = in[y1 * w + x0] + (in[y1 * w + x1] - in[y1 * w + x0]) * tx;
                out[y * dw + x] = top + (bottom - top) * ty;
            }
        }
        return out;
    }
}
