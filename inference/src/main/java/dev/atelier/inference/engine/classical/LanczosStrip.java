package dev.atelier.inference.engine.classical;

import dev.atelier.core.image.ColorSpace;
import dev.atelier.core.image.RgbaView;

/**
 * One worker's buffers and the per-strip filtering: decode the source rows a strip needs into premultiplied
 * linear floats, filter each horizontally into a row buffer, then filter those rows vertically, one output row
 * at a time, and encode it into the output bytes. Memory per worker is a few rows, never the whole image.
 */
final class LanczosStrip implements StripRunner.Worker {

    private final RgbaView src;
    private final byte[] out;
    private final int outW;
    private final int outH;
    private final int stripRows;
    private final ResampleWeights wx;
    private final ResampleWeights wy;

    private final byte[] srcBytes;
    private final float[] srcRow;
    /** Horizontally filtered source rows of the current strip, RGBA interleaved. */
    private final float[][] rows;
    private final float[] acc;

    LanczosStrip(RgbaView src, byte[] out, int outW, int outH, int stripRows, ResampleWeights wx,
            ResampleWeights wy, int maxSourceRows) {
        this.src = src;
        this.out = out;
        this.outW = outW;
        this.outH = outH;
        this.stripRows = stripRows;
        this.wx = wx;
        this.wy = wy;
        this.srcBytes = new byte[4 * src.width()];
        this.srcRow = new float[4 * src.width()];
        this.rows = new float[maxSourceRows][4 * outW];
        this.acc = new float[4 * outW];
    }

    @Override
    public void process(int strip) {
        int y0 = strip * stripRows;
        int y1 = Math.min(outH, y0 + stripRows);
        int first = wy.firstIndex(y0, y1);
        int last = wy.lastIndex(y0, y1);
        for (int sy = first; sy <= last; sy++) {
            decodeRow(sy);
            filterRow(rows[sy - first]);
        }
        for (int y = y0; y < y1; y++) {
            verticalRow(y, first);
            encodeRow(y);
        }
    }

    /** Decodes source row sy to linear light, premultiplied, so transparent pixels carry no colour into blends. */
    private void decodeRow(int sy) {
        int w = src.width();
        src.readRow(sy, 0, w, srcBytes, 0);
        byte[] b = srcBytes;
        float[] f = srcRow;
        for (int i = 0; i < 4 * w; i += 4) {
            float a = (b[i + 3] & 0xff) * (1f / 255f);
            f[i] = ColorSpace.toLinear(b[i]) * a;
            f[i + 1] = ColorSpace.toLinear(b[i + 1]) * a;
            f[i + 2] = ColorSpace.toLinear(b[i + 2]) * a;
            f[i + 3] = a;
        }
    }

    private void filterRow(float[] dst) {
        float[] f = srcRow;
        int[] start = wx.start;
        int[] count = wx.count;
        float[] wt = wx.weights;
        int stride = wx.stride;
        for (int x = 0, o = 0; x < outW; x++, o += 4) {
            int p = 4 * start[x];
            int wi = x * stride;
            int n = count[x];
            float r = 0f;
            float g = 0f;
            float b = 0f;
            float a = 0f;
            for (int t = 0; t < n; t++, p += 4) {
                float w = wt[wi + t];
                r += w * f[p];
                g += w * f[p + 1];
                b += w * f[p + 2];
                a += w * f[p + 3];
            }
            dst[o] = r;
            dst[o + 1] = g;
            dst[o + 2] = b;
            dst[o + 3] = a;
        }
    }

    /** Sums the strip's filtered rows into {@link #acc}: plain axpy loops, which the JIT vectorises. */
    private void verticalRow(int y, int first) {
        int s = wy.start[y] - first;
        int n = wy.count[y];
        int wi = y * wy.stride;
        float[] c = acc;
        int len = c.length;
        float w0 = wy.weights[wi];
        float[] r0 = rows[s];
        if (n == 1) {
            System.arraycopy(r0, 0, c, 0, len);
            return;
        }
        float w1 = wy.weights[wi + 1];
        float[] r1 = rows[s + 1];
        for (int i = 0; i < len; i++) {
            c[i] = w0 * r0[i] + w1 * r1[i];
        }
        int t = 2;
        for (; t + 1 < n; t += 2) {
            float wa = wy.weights[wi + t];
            float wb = wy.weights[wi + t + 1];
            float[] ra = rows[s + t];
            float[] rb = rows[s + t + 1];
            for (int i = 0; i < len; i++) {
                c[i] += wa * ra[i] + wb * rb[i];
            }
        }
        if (t < n) {
            float wa = wy.weights[wi + t];
            float[] ra = rows[s + t];
            for (int i = 0; i < len; i++) {
                c[i] += wa * ra[i];
            }
        }
    }

    /** Unpremultiplies and encodes the accumulated row; ringing is clamped to the valid range here. */
    private void encodeRow(int y) {
        float[] c = acc;
        byte[] o = out;
        int base = 4 * outW * y;
        for (int i = 0; i < c.length; i += 4) {
            float a = c[i + 3];
            int ab = a >= 1f ? 255 : (int) (a * 255f + 0.5f);
            if (ab <= 0) {
                // Fully transparent: straight colour is undefined, store transparent black.
                o[base + i] = 0;
                o[base + i + 1] = 0;
                o[base + i + 2] = 0;
                o[base + i + 3] = 0;
                continue;
            }
            float inv = 1f / a;
            o[base + i] = (byte) ColorSpace.toSrgb8(c[i] * inv);
            o[base + i + 1] = (byte) ColorSpace.toSrgb8(c[i + 1] * inv);
            o[base + i + 2] = (byte) ColorSpace.toSrgb8(c[i + 2] * inv);
            o[base + i + 3] = (byte) ab;
        }
    }
}
