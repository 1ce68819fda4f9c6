package dev.atelier.inference.engine.classical;

import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;

/** Small synthetic images and metrics shared by the classical engine's tests. */
final class TestImages {

    private TestImages() {}

    /** Returns an opaque image of smooth, low-frequency colour waves. */
    static Raster smooth(int w, int h) {
        byte[] px = new byte[4 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 4 * (y * w + x);
                px[i] = (byte) (128 + 100 * Math.sin(x * 0.05 + y * 0.02));
                px[i + 1] = (byte) (128 + 100 * Math.cos(y * 0.06 - x * 0.01));
                px[i + 2] = (byte) (128 + 90 * Math.sin((x + y) * 0.03));
                px[i + 3] = (byte) 255;
            }
        }
        return Raster.wrap(w, h, px);
    }

    /** Returns a w x h image: opaque {@code fg} inside the given rectangle, {@code bg} elsewhere. */
    static Raster rect(int w, int h, int x0, int y0, int x1, int y1, int fg, int bg) {
        byte[] px = new byte[4 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = x >= x0 && x < x1 && y >= y0 && y < y1 ? fg : bg;
                int i = 4 * (y * w + x);
                px[i] = (byte) (c >>> 24);
                px[i + 1] = (byte) (c >>> 16);
                px[i + 2] = (byte) (c >>> 8);
                px[i + 3] = (byte) c;
            }
        }
        return Raster.wrap(w, h, px);
    }

    /** Returns the PSNR in dB over the RGB channels of two same-sized images (infinite when identical). */
    static double psnr(RgbaView a, RgbaView b) {
        double se = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    double d = a.get(x, y, c) - b.get(x, y, c);
                    se += d * d;
                }
            }
        }
        double mse = se / (3.0 * a.width() * a.height());
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Returns how many pixels have red channel 255 (the edge maps' "on" value). */
    static int countWhite(RgbaView img) {
        int n = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                if (img.get(x, y, 0) == 255) {
                    n++;
                }
            }
        }
        return n;
    }
}
