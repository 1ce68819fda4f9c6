package dev.atelier.inference.demo;

import dev.atelier.core.image.Raster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Paints {@link ExampleImages#landscape} pixel by pixel, back to front. */
final class LandscapePainter {

    private static final int[][] HILL_COLOURS = {{118, 140, 160}, {76, 120, 78}, {52, 96, 44}};
    private static final double[] HILL_BASE = {0.52, 0.62, 0.74};
    private static final double[] HILL_AMP = {0.16, 0.13, 0.10};

    private final int w;
    private final int h;
    private final ValueNoise noise;
    private final double scale;
    private final double sunX;
    private final double sunY;
    private final double sunR;
    /** Ridge height (pixel row) of each hill layer per column. */
    private final double[][] ridge;
    private final List<Sprite> sprites = new ArrayList<>();

    private record Sprite(Canvas.Shape shape, int rgb, double x0, double y0, double x1, double y1) {}

    LandscapePainter(int w, int h, long seed) {
        this.w = w;
        this.h = h;
        this.noise = new ValueNoise(seed);
        this.scale = Math.min(w, h);
        Random rnd = new Random(seed);
        this.sunX = w * (0.15 + 0.7 * rnd.nextDouble());
        this.sunY = h * (0.12 + 0.15 * rnd.nextDouble());
        this.sunR = scale * 0.055;
        this.ridge = new double[3][w];
        for (int layer = 0; layer < 3; layer++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / scale;
                double n = noise.fractal(u * (2.0 + layer) + layer * 31.7, layer * 7.3, 5);
                ridge[layer][x] = h * (HILL_BASE[layer] + HILL_AMP[layer] * (0.5 - n) * 2);
            }
        }
        int trees = 5 + rnd.nextInt(5);
        for (int i = 0; i < trees; i++) {
            double tx = w * rnd.nextDouble();
            double base = ridge[2][Math.min(w - 1, (int) tx)] + scale * (0.03 + 0.12 * rnd.nextDouble());
            double th = scale * (0.12 + 0.1 * rnd.nextDouble());
            double tw = th * 0.35;
            double trunk = th * 0.06;
            sprites.add(new Sprite(Canvas.roundRect(tx - trunk, base - th * 0.2, tx + trunk, base, 1), 0x4A3020,
                    tx - trunk, base - th * 0.2, tx + trunk, base));
            sprites.add(new Sprite(Canvas.polygon(tx - tw, base - th * 0.15, tx, base - th, tx + tw, base - th * 0.15),
                    0x1E4A26, tx - tw, base - th, tx + tw, base - th * 0.15));
        }
        int rocks = 3 + rnd.nextInt(4);
        for (int i = 0; i < rocks; i++) {
            double rx = w * rnd.nextDouble();
            double ry = h * (0.86 + 0.12 * rnd.nextDouble());
            double rr = scale * (0.02 + 0.04 * rnd.nextDouble());
            sprites.add(new Sprite(Canvas.ellipse(rx, ry, rr * 1.4, rr), 0x8A8680, rx - rr * 1.4, ry - rr,
                    rx + rr * 1.4, ry + rr));
        }
    }

    Raster paint() {
        byte[] out = new byte[4 * w * h];
        // Rows are independent, so paint them in parallel (a 4000x3000 benchmark image would take seconds).
        IntStream.range(0, h).parallel().forEach(y -> {
            double[] rgb = new double[3];
            for (int x = 0; x < w; x++) {
                pixel(x + 0.5, y + 0.5, x, rgb);
                int i = 4 * (y * w + x);
                // Sensor-like grain: a little per-pixel noise so flat areas are not perfectly flat.
                double grain = (noise.lattice(x * 7 + 3, y * 13 + 1) - 0.5) * 8;
                for (int c = 0; c < 3; c++) {
                    out[i + c] = (byte) Math.max(0, Math.min(255, Math.round(rgb[c] + grain)));
                }
                out[i + 3] = (byte) 255;
            }
        });
        return Raster.wrap(w, h, out);
    }

    private void pixel(double px, double py, int col, double[] rgb) {
        double v = py / h;
        // Sky: deep blue overhead to pale at the horizon, with soft clouds.
        double t = Math.min(1, v / 0.6);
        rgb[0] = 60 + (215 - 60) * t;
        rgb[1] = 110 + (225 - 110) * t;
        rgb[2] = 190 + (235 - 190) * t;
        double cloud = noise.fractal(px / scale * 4, py / scale * 9, 5);
        double cover = smooth(0.5, 0.75, cloud) * (1 - t * 0.7);
        mix(rgb, 250, 250, 252, cover * 0.85);
        // Sun: glow then a disc with an antialiased rim.
        double d = Math.hypot(px - sunX, py - sunY);
        double glow = Math.exp(-d / (sunR * 2.5)) * 0.5;
        mix(rgb, 255, 240, 200, glow);
        mix(rgb, 255, 246, 215, clamp(sunR - d + 0.5));
        // Hills, far to near; nearer ones are darker, more saturated and more textured.
        for (int layer = 0; layer < 3; layer++) {
            double top = ridge[layer][col];
            double a = clamp(py - top + 0.5);
            if (a <= 0) {
                continue;
            }
            int[] c = HILL_COLOURS[layer];
            double f = (layer + 1) * 6;
            double tex = 0.75 + 0.5 * noise.fractal(px / scale * f * 3, py / scale * f * 3, 3 + layer);
            double depth = 1 - 0.35 * clamp((py - top) / (h * 0.4));
            double k = tex * depth;
            mix(rgb, c[0] * k, c[1] * k, c[2] * k, a);
        }
        for (Sprite s : sprites) {
            if (px < s.x0 - 1 || px > s.x1 + 1 || py < s.y0 - 1 || py > s.y1 + 1) {
                continue;
            }
            double a = clamp(0.5 - s.shape.distance(px, py));
            if (a > 0) {
                double shade = 0.8 + 0.4 * noise.at(px / scale * 60, py / scale * 60);
                mix(rgb, ((s.rgb >> 16) & 0xff) * shade, ((s.rgb >> 8) & 0xff) * shade, (s.rgb & 0xff) * shade, a);
            }
        }
    }

    private static void mix(double[] rgb, double r, double g, double b, double a) {
        rgb[0] += (r - rgb[0]) * a;
        rgb[1] += (g - rgb[1]) * a;
        rgb[2] += (b - rgb[2]) * a;
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : Math.min(1, v);
    }

    private static double smooth(double e0, double e1, double v) {
        double t = clamp((v - e0) / (e1 - e0));
        return t * t * (3 - 2 * t);
    }
}
