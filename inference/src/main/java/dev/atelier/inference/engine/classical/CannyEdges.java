package dev.atelier.inference.engine.classical;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.inference.engine.CancelToken;

/**
 * Canny edge detection: white one-pixel-wide edges on black, the same size as the input (a control image for
 * edge-conditioned generation, or a sketch aid).
 *
 * <p>Steps: luma of the sRGB colour with transparency composited over black (so a cut-out's silhouette is an
 * edge), Gaussian blur, 3x3 Sobel gradients, non-maximum suppression along the gradient direction quantised to
 * four sectors, double threshold, and hysteresis by an explicit-stack flood fill (no recursion, so a long edge
 * cannot overflow the stack).
 *
 * <p>Thresholds use the L2 gradient magnitude sqrt(gx² + gy²) of the Sobel response divided by 4, on a 0..255
 * grey scale: a sharp black-to-white step measures 255 before blurring (about 145 after the default blur). To
 * reuse OpenCV thresholds (raw L1 Sobel magnitude) divide them by about 4.
 */
public final class CannyEdges {

    public static final double DEFAULT_SIGMA = 1.4;
    public static final double DEFAULT_LOW = 10;
    public static final double DEFAULT_HIGH = 30;

    private static final byte NONE = 0;
    private static final byte WEAK = 1;
    private static final byte STRONG = 2;
    /** tan(22.5°) and tan(67.5°): the borders between the four direction sectors. */
    private static final float TAN_22 = 0.41421356f;
    private static final float TAN_67 = 2.41421356f;

    private CannyEdges() {}

    /** Returns the edge map with the default blur (sigma 1.4) and thresholds (10 / 30). */
    public static Raster detect(RgbaView src) throws AtelierException {
        return detect(src, DEFAULT_SIGMA, DEFAULT_LOW, DEFAULT_HIGH, CancelToken.none());
    }

    /**
     * Returns the edge map: pixels whose suppressed gradient magnitude is at least {@code high}, plus those at
     * least {@code low} that connect (8-neighbourhood) to one. {@code sigma} 0 skips the blur.
     */
    public static Raster detect(RgbaView src, double sigma, double low, double high, CancelToken cancel)
            throws AtelierException {
        if (!(low >= 0) || !(high >= low) || !(sigma >= 0)) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS,
                    "Canny needs 0 <= low <= high and sigma >= 0, got low " + low + ", high " + high);
        }
        int w = src.width();
        int h = src.height();
        float[] grey = Planes.luma(src, 0f);
        for (int i = 0; i < grey.length; i++) {
            grey[i] *= 255f;
        }
        cancel.check();
        float[] smooth = GaussianBlur.blur(grey, w, h, sigma);
        cancel.check();
        float[] gx = new float[w * h];
        float[] gy = new float[w * h];
        float[] mag = new float[w * h];
        sobel(smooth, w, h, gx, gy, mag);
        cancel.check();
        byte[] klass = suppress(gx, gy, mag, w, h, (float) low, (float) high);
        cancel.check();
        byte[] edges = hysteresis(klass, w, h);
        byte[] out = new byte[4 * w * h];
        for (int i = 0; i < edges.length; i++) {
            byte v = edges[i] != 0 ? (byte) 255 : 0;
            out[4 * i] = v;
            out[4 * i + 1] = v;
            out[4 * i + 2] = v;
            out[4 * i + 3] = (byte) 255;
        }
        return Raster.wrap(w, h, out);
    }

    /** Fills Sobel gradients and their L2 magnitude / 4, repeating edge pixels beyond the border. */
    private static void sobel(float[] p, int w, int h, float[] gx, float[] gy, float[] mag) {
        for (int y = 0; y < h; y++) {
            int up = Math.max(0, y - 1) * w;
            int mid = y * w;
            int down = Math.min(h - 1, y + 1) * w;
            for (int x = 0; x < w; x++) {
                int l = Math.max(0, x - 1);
                int r = Math.min(w - 1, x + 1);
                float sx = (p[up + r] + 2 * p[mid + r] + p[down + r]) - (p[up + l] + 2 * p[mid + l] + p[down + l]);
                float sy = (p[down + l] + 2 * p[down + x] + p[down + r]) - (p[up + l] + 2 * p[up + x] + p[up + r]);
                gx[mid + x] = sx;
                gy[mid + x] = sy;
                mag[mid + x] = (float) Math.sqrt(sx * sx + sy * sy) * 0.25f;
            }
        }
    }

    /**
     * Returns NONE/WEAK/STRONG per pixel after non-maximum suppression: a pixel survives if it beats the
     * neighbour behind it along the gradient and ties or beats the one ahead (the asymmetry keeps plateaus one
     * pixel wide). The one-pixel image border never holds edges.
     */
    private static byte[] suppress(float[] gx, float[] gy, float[] mag, int w, int h, float low, float high) {
        byte[] k = new byte[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                float m = mag[i];
                if (m < low || m == 0) {
                    continue;
                }
                float ax = Math.abs(gx[i]);
                float ay = Math.abs(gy[i]);
                int back;
                int ahead;
                if (ay <= ax * TAN_22) {
                    back = i - 1;
                    ahead = i + 1;
                } else if (ay >= ax * TAN_67) {
                    back = i - w;
                    ahead = i + w;
                } else if ((gx[i] > 0) == (gy[i] > 0)) {
                    back = i - w - 1;
                    ahead = i + w + 1;
                } else {
                    back = i - w + 1;
                    ahead = i + w - 1;
                }
                if (m > mag[back] && m >= mag[ahead]) {
                    k[i] = m >= high ? STRONG : WEAK;
                }
            }
        }
        return k;
    }

    /** Returns 1 for every strong pixel and every weak pixel 8-connected to one, else 0. */
    private static byte[] hysteresis(byte[] klass, int w, int h) {
        byte[] out = new byte[w * h];
        int[] stack = new int[64];
        int top = 0;
        for (int i = 0; i < klass.length; i++) {
            if (klass[i] != STRONG || out[i] != 0) {
                continue;
            }
            out[i] = 1;
            stack[top++] = i;
            while (top > 0) {
                int p = stack[--top];
                int px = p % w;
                int py = p / w;
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = py + dy;
                    if (ny < 0 || ny >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        if (nx < 0 || nx >= w) {
                            continue;
                        }
                        int q = ny * w + nx;
                        if (klass[q] != NONE && out[q] == 0) {
                            out[q] = 1;
                            if (top == stack.length) {
                                stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                            }
                            stack[top++] = q;
                        }
                    }
                }
            }
        }
        return out;
    }
}
