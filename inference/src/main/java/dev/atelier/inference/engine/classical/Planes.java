package dev.atelier.inference.engine.classical;

import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;

/** Conversions between RGBA images and single-channel float planes. */
final class Planes {

    private Planes() {}

    /**
     * Returns the Rec. 601 luma of the sRGB-encoded colour (0..1; perceptual, as edge detectors expect), with
     * transparent pixels composited over a flat {@code background} grey (0 black .. 1 white).
     */
    static float[] luma(RgbaView src, float background) {
        int w = src.width();
        int h = src.height();
        float[] out = new float[w * h];
        byte[] row = new byte[4 * w];
        for (int y = 0; y < h; y++) {
            src.readRow(y, 0, w, row, 0);
            for (int x = 0, i = 0; x < w; x++, i += 4) {
                float l = (0.299f * (row[i] & 0xff) + 0.587f * (row[i + 1] & 0xff) + 0.114f * (row[i + 2] & 0xff))
                        / 255f;
                float a = (row[i + 3] & 0xff) / 255f;
                out[y * w + x] = l * a + background * (1 - a);
            }
        }
        return out;
    }

    /** Returns an opaque grey image of a 0..1 plane (values clamped). */
    static Raster toGrey(float[] plane, int w, int h) {
        byte[] out = new byte[4 * w * h];
        for (int i = 0; i < plane.length; i++) {
            float v = plane[i];
            int g = v <= 0 ? 0 : v >= 1 ? 255 : (int) (v * 255f + 0.5f);
            out[4 * i] = (byte) g;
            out[4 * i + 1] = (byte) g;
            out[4 * i + 2] = (byte) g;
            out[4 * i + 3] = (byte) 255;
        }
        return Raster.wrap(w, h, out);
    }
}
