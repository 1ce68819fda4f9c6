package dev.atelier.inference.engine.diffusion;

import dev.atelier.core.image.MaskView;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.inference.diffusion.RgbPlanes;
import dev.atelier.inference.engine.classical.Bilinear;
import java.util.Arrays;

/**
 * Between host pixels (RGBA bytes, masks) and the pipeline's float planes, resizing on the way: the pipeline works
 * at the model's size, the host at the canvas's. Bilinear with pixel centres aligned; a downscale first averages
 * whole blocks of source pixels (box filter) while reading rows, so large crops neither alias nor need
 * canvas-sized float buffers (the last partial block of a row or column is left out: under one block of shift);
 * the way back interpolates straight into the result's bytes.
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
        int fx = Math.max(1, src.width() / dw);
        int fy = Math.max(1, src.height() / dh);
        int bw = src.width() / fx;
        int bh = src.height() / fy;
        float[][] box = new float[3][bw * bh];
        byte[] row = new byte[4 * src.width()];
        for (int y = 0; y < bh * fy; y++) {
            src.readRow(y, 0, src.width(), row, 0);
            int by = y / fy * bw;
            for (int x = 0; x < bw * fx; x++) {
                for (int c = 0; c < 3; c++) {
                    box[c][by + x / fx] += row[4 * x + c] & 0xff;
                }
            }
        }
        float norm = 255f * fx * fy;
        float[] out = new float[3 * dw * dh];
        for (int c = 0; c < 3; c++) {
            scale(box[c], 1 / norm);
            System.arraycopy(bilinear(box[c], bw, bh, dw, dh), 0, out, c * dw * dh, dw * dh);
        }
        return new RgbPlanes(dw, dh, out);
    }

    /** The mask at dw×dh, values 0..1. */
    static float[] mask(MaskView m, int dw, int dh) {
        int fx = Math.max(1, m.width() / dw);
        int fy = Math.max(1, m.height() / dh);
        int bw = m.width() / fx;
        int bh = m.height() / fy;
        float[] box = new float[bw * bh];
        byte[] row = new byte[m.width()];
        for (int y = 0; y < bh * fy; y++) {
            m.readRow(y, 0, m.width(), row, 0);
            int by = y / fy * bw;
            for (int x = 0; x < bw * fx; x++) {
                box[by + x / fx] += row[x] & 0xff;
            }
        }
        scale(box, 1 / (255f * fx * fy));
        return bilinear(box, bw, bh, dw, dh);
    }

    /** {@code image} resized to dw×dh as opaque RGBA, or with the alpha of {@code alpha} (dw×dh) when given. */
    static Raster raster(RgbPlanes image, int dw, int dh, RgbaView alpha) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        byte[] out = new byte[Raster.checkedSize(dw, dh)];
        for (int c = 0; c < 3; c++) {
            float[] plane = bilinear(Arrays.copyOfRange(image.values(), c * n, (c + 1) * n), w, h, dw, dh);
            for (int i = 0; i < plane.length; i++) {
                out[4 * i + c] = (byte) Math.round(Math.min(1f, Math.max(0f, plane[i])) * 255f);
            }
        }
        byte[] alphaRow = alpha == null ? null : new byte[4 * dw];
        for (int y = 0; y < dh; y++) {
            if (alphaRow != null) {
                alpha.readRow(y, 0, dw, alphaRow, 0);
            }
            for (int x = 0; x < dw; x++) {
                out[4 * (y * dw + x) + 3] = alphaRow == null ? (byte) 255 : alphaRow[4 * x + 3];
            }
        }
        return Raster.wrap(dw, dh, out);
    }

    private static float[] bilinear(float[] in, int w, int h, int dw, int dh) {
        return w == dw && h == dh ? in : Bilinear.resize(in, w, h, dw, dh);
    }

    private static void scale(float[] a, float k) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= k;
        }
    }
}
