package dev.atelier.inference.bench;

import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;

/**
 * Procedural images for judging a fill, made by code so tests and the benchmark use the same pixels: a woven
 * texture, a gradient with grain, diagonal stripes and a photo-like noise field, plus the hole they are judged on.
 * They repeat the way real surfaces do (walls, fabric, foliage): a hole in one can be rebuilt from the rest.
 */
public final class FillImages {

    /** The images, by name, in benchmark order. */
    public static final String[] NAMES = {"texture", "gradient", "stripes", "noise-field"};

    private FillImages() {}

    public static Raster byName(String name, int w, int h) {
        return switch (name) {
            case "texture" -> texture(w, h);
            case "gradient" -> gradient(w, h);
            case "stripes" -> stripes(w, h);
            case "noise-field" -> noiseField(w, h);
            default -> throw new IllegalArgumentException("unknown fill image " + name);
        };
    }

    /** A basket weave: alternating 16 px blocks of horizontal and vertical threads, warm wool colours. */
    public static Raster texture(int w, int h) {
        return paint(w, h, (x, y) -> {
            boolean across = ((x / 16) + (y / 16)) % 2 == 0;
            int t = across ? y % 16 : x % 16;
            double thread = 0.5 + 0.5 * Math.cos(2 * Math.PI * (t % 4) / 4.0);
            double shade = 0.55 + 0.45 * thread;
            return rgb(shade * 200, shade * 140 + (across ? 20 : 0), shade * 90);
        });
    }

    /** A diagonal colour gradient with a fine regular grain on top, as on a painted wall in side light. */
    public static Raster gradient(int w, int h) {
        return paint(w, h, (x, y) -> {
            double g = (x + 0.5 * y) / (w + 0.5 * h);
            double grain = 12 * Math.sin(2 * Math.PI * x / 6.0) * Math.sin(2 * Math.PI * y / 6.0);
            return rgb(40 + 180 * g + grain, 90 + 60 * g + grain, 200 - 150 * g + grain);
        });
    }

    /** Diagonal stripes, 14 px period, with soft edges. */
    public static Raster stripes(int w, int h) {
        return paint(w, h, (x, y) -> {
            double t = 0.5 + 0.5 * Math.sin(2 * Math.PI * (x + y) / 14.0);
            return rgb(30 + 200 * t, 60 + 120 * t, 160 - 100 * t);
        });
    }

    /**
     * Value noise in three octaves that tiles every 64 px, the look of leaves or gravel with repeats, plus
     * per-pixel sensor grain that never repeats (so no fill can be exact).
     */
    public static Raster noiseField(int w, int h) {
        int period = 64;
        SplittableRandom grain = new SplittableRandom(4);
        double[][] lattices = {lattice(1, 6), lattice(2, 12), lattice(3, 24)};
        return paint(w, h, (x, y) -> {
            double v = 0;
            double amp = 0.55;
            for (int o = 0; o < 3; o++) {
                int cells = 6 << o;
                v += amp * smoothNoise(lattices[o], cells, (x % period) * cells / (double) period,
                        (y % period) * cells / (double) period);
                amp /= 2;
            }
            double c = (v - 0.48) * 2.4; // stretch the octaves' narrow middle range to a photo's contrast
            double n = grain.nextGaussian() * 5;
            return rgb(110 + 110 * c + n, 140 + 90 * c + n, 60 + 50 * c + n);
        });
    }

    /** A centred rectangle covering {@code fraction} of the image, with the image's aspect. */
    public static Mask centreHole(int w, int h, double fraction) {
        int hw = (int) Math.round(w * Math.sqrt(fraction));
        int hh = (int) Math.round(h * Math.sqrt(fraction));
        byte[] m = new byte[w * h];
        for (int y = (h - hh) / 2; y < (h - hh) / 2 + hh; y++) {
            for (int x = (w - hw) / 2; x < (w - hw) / 2 + hw; x++) {
                m[y * w + x] = (byte) 255;
            }
        }
        return Mask.wrap(w, h, m);
    }

    private static double[] lattice(long seed, int cells) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[cells * cells];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return v;
    }

    private static double smoothNoise(double[] lattice, int cells, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        fx = fx * fx * (3 - 2 * fx);
        fy = fy * fy * (3 - 2 * fy);
        double a = lattice[(y0 % cells) * cells + x0 % cells];
        double b = lattice[(y0 % cells) * cells + (x0 + 1) % cells];
        double c = lattice[((y0 + 1) % cells) * cells + x0 % cells];
        double d = lattice[((y0 + 1) % cells) * cells + (x0 + 1) % cells];
        return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }

    private static int rgb(double r, double g, double b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    private static int clamp(double v) {
        return (int) Math.round(Math.max(0, Math.min(255, v)));
    }

    private static Raster paint(int w, int h, IntBinaryOperator colour) {
        byte[] px = new byte[Raster.checkedSize(w, h)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = colour.applyAsInt(x, y);
                int i = 4 * (y * w + x);
                px[i] = (byte) (c >> 16);
                px[i + 1] = (byte) (c >> 8);
                px[i + 2] = (byte) c;
                px[i + 3] = (byte) 255;
            }
        }
        return Raster.wrap(w, h, px);
    }
}
