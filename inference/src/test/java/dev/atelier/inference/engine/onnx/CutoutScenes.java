package dev.atelier.inference.engine.onnx;

import dev.atelier.core.image.Raster;
import java.util.Random;

/**
 * Test scenes with a known object: a shaded ellipse (lit like a ball, so it reads as a solid thing) on a plain or a
 * textured background. {@link #inside} is the ground truth a cut-out is scored against.
 */
final class CutoutScenes {

    private CutoutScenes() {}

    /** Whether pixel (x, y) of a w×h scene belongs to the object. */
    static boolean inside(int x, int y, int w, int h) {
        double nx = (x + 0.5 - 0.52 * w) / (0.26 * w);
        double ny = (y + 0.5 - 0.5 * h) / (0.34 * h);
        return nx * nx + ny * ny <= 1;
    }

    /** The scene: the object (2× supersampled edges) over a plain grey or a textured background. */
    static Raster scene(int w, int h, boolean textured) {
        byte[] px = new byte[4 * w * h];
        Random rng = new Random(7);
        float[] blotches = new float[64];
        for (int i = 0; i < blotches.length; i++) {
            blotches[i] = rng.nextFloat();
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] bg = textured ? texture(x, y, blotches) : new int[] {214, 214, 210};
                double cover = 0;
                for (int s = 0; s < 4; s++) {
                    double sx = x + 0.25 + 0.5 * (s & 1);
                    double sy = y + 0.25 + 0.5 * (s >> 1);
                    double nx = (sx - 0.52 * w) / (0.26 * w);
                    double ny = (sy - 0.5 * h) / (0.34 * h);
                    cover += nx * nx + ny * ny <= 1 ? 0.25 : 0;
                }
                double nx = (x + 0.5 - 0.52 * w) / (0.26 * w);
                double ny = (y + 0.5 - 0.5 * h) / (0.34 * h);
                double light = Math.max(0, 1 - Math.hypot(nx + 0.35, ny + 0.4) / 1.6); // highlight up left
                int[] obj = {(int) (60 + 190 * light), (int) (25 + 90 * light), (int) (20 + 60 * light)};
                int i = 4 * (y * w + x);
                for (int c = 0; c < 3; c++) {
                    px[i + c] = (byte) Math.round(obj[c] * cover + bg[c] * (1 - cover));
                }
                px[i + 3] = (byte) 255;
            }
        }
        return Raster.wrap(w, h, px);
    }

    /** A busy background: diagonal planks with grain and blotches in greens and browns. */
    private static int[] texture(int x, int y, float[] blotches) {
        double plank = Math.floor((x + 0.6 * y) / 53.0);
        float tone = blotches[(int) Math.floorMod((long) plank, 64)];
        double grain = 0.5 + 0.5 * Math.sin(0.31 * y + 2.1 * Math.sin(0.05 * x) + tone * 9);
        double stripe = ((x / 7 + y / 11) & 1) == 0 ? 1 : 0.85;
        return new int[] {(int) ((90 + 80 * tone + 40 * grain) * stripe), (int) ((120 + 60 * grain) * stripe),
            (int) ((60 + 50 * tone) * stripe)};
    }

    /** Intersection over union of the pixels with alpha ≥ 128 and the object. */
    static double iou(Raster cut) {
        int w = cut.width();
        int h = cut.height();
        long both = 0;
        long either = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean a = cut.get(x, y, 3) >= 128;
                boolean t = inside(x, y, w, h);
                both += a && t ? 1 : 0;
                either += a || t ? 1 : 0;
            }
        }
        return both / (double) either;
    }
}
