package dev.atelier.inference.engine.classical;

import dev.atelier.core.image.RgbaView;

/**
 * Bilinear resampling with pixel centres aligned ({@code align_corners = false}, the convention of the resizes ISNet
 * and Stable Diffusion pipelines use), clamped at the borders; no low-pass filter, as the models' own preprocessing
 * has none. Shared by the ONNX engine (ISNet) and the diffusion engine.
 */
public final class Bilinear {

    private Bilinear() {}

    /** Returns the w×h plane {@code in} resized to dw×dh. */
    public static float[] resize(float[] in, int w, int h, int dw, int dh) {
        float[] out = new float[dw * dh];
        float sx = w / (float) dw;
        float sy = h / (float) dh;
        for (int y = 0; y < dh; y++) {
            float fy = clamp((y + 0.5f) * sy - 0.5f, h);
            int y0 = (int) fy;
            int y1 = Math.min(h - 1, y0 + 1);
            float ty = fy - y0;
            for (int x = 0; x < dw; x++) {
                float fx = clamp((x + 0.5f) * sx - 0.5f, w);
                int x0 = (int) fx;
                int x1 = Math.min(w - 1, x0 + 1);
                float tx = fx - x0;
                float top = in[y0 * w + x0] + (in[y0 * w + x1] - in[y0 * w + x0]) * tx;
                float bottom = in[y1 * w + x0] + (in[y1 * w + x1] - in[y1 * w + x0]) * tx;
                out[y * dw + x] = top + (bottom - top) * ty;
            }
        }
        return out;
    }

    /** Returns the RGB of {@code src} resized to dw×dh as three planes (NCHW order) of encoded values 0..255. */
    public static float[] rgbPlanes(RgbaView src, int dw, int dh) {
        int w = src.width();
        int h = src.height();
        float[] out = new float[3 * dw * dh];
        float sx = w / (float) dw;
        float sy = h / (float) dh;
        int plane = dw * dh;
        byte[] r0 = new byte[4 * w];
        byte[] r1 = new byte[4 * w];
        int loaded0 = -1;
        int loaded1 = -1;
        for (int y = 0; y < dh; y++) {
            float fy = clamp((y + 0.5f) * sy - 0.5f, h);
            int y0 = (int) fy;
            int y1 = Math.min(h - 1, y0 + 1);
            float ty = fy - y0;
            if (loaded0 != y0) {
                src.readRow(y0, 0, w, r0, 0);
                loaded0 = y0;
            }
            if (loaded1 != y1) {
                src.readRow(y1, 0, w, r1, 0);
                loaded1 = y1;
            }
            for (int x = 0; x < dw; x++) {
                float fx = clamp((x + 0.5f) * sx - 0.5f, w);
                int x0 = (int) fx;
                int x1 = Math.min(w - 1, x0 + 1);
                float tx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    float top = (r0[4 * x0 + c] & 0xff) + ((r0[4 * x1 + c] & 0xff) - (r0[4 * x0 + c] & 0xff)) * tx;
                    float bottom = (r1[4 * x0 + c] & 0xff) + ((r1[4 * x1 + c] & 0xff) - (r1[4 * x0 + c] & 0xff)) * tx;
                    out[c * plane + y * dw + x] = top + (bottom - top) * ty;
                }
            }
        }
        return out;
    }

    private static float clamp(float v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
