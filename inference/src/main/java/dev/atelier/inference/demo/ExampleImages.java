package dev.atelier.inference.demo;

import dev.atelier.core.image.Raster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Procedural example images for demos, benchmarks and tests, so the project ships no third-party pictures. Every
 * image is a pure function of its size and seed.
 */
public final class ExampleImages {

    private ExampleImages() {}

    /** Returns the demo set: a landscape, a character cut-out and a line drawing, 512–768 px. */
    public static Map<String, Raster> all() {
        Map<String, Raster> m = new LinkedHashMap<>();
        m.put("landscape", landscape(768, 512, 1));
        m.put("character", character(512, 640, 2));
        m.put("line-drawing", lineDrawing(640, 512));
        return m;
    }

    /**
     * Returns an opaque, photo-like landscape: sky gradient with clouds, a sun disc with glow, three layers of
     * noisy hills, a few conifers and rocks, and fine per-pixel grain (so resamplers have texture to work on).
     */
    public static Raster landscape(int w, int h, long seed) {
        return new LandscapePainter(w, h, seed).paint();
    }

    /**
     * Returns a simple stylised character (a round mascot with a face, arms and feet) on a fully transparent
     * background, with soft antialiased edges: a test subject for background removal and 3D prep.
     */
    public static Raster character(int w, int h, long seed) {
        Random rnd = new Random(seed);
        Canvas c = new Canvas(w, h);
        double s = Math.min(w, h);
        double cx = w / 2.0;
        int[] palette = {0xE8643C, 0x3C8CE8, 0x5DBB63, 0x9B59B6, 0xF1C40F};
        int body = palette[rnd.nextInt(palette.length)];
        int dark = scale(body, 0.6);
        double bodyY = h * 0.58;
        double bodyR = s * 0.30;
        // Feet first so the body overlaps them.
        for (int side = -1; side <= 1; side += 2) {
            double fx = cx + side * bodyR * 0.45;
            double fy = bodyY + bodyR * 0.95;
            c.fill(Canvas.ellipse(fx, fy, bodyR * 0.28, bodyR * 0.14), dark, fx - bodyR * 0.3, fy - bodyR * 0.2,
                    fx + bodyR * 0.3, fy + bodyR * 0.2, null);
        }
        // Arms: thick round-capped segments, angle from the seed.
        double lift = 0.3 + 0.5 * rnd.nextDouble();
        for (int side = -1; side <= 1; side += 2) {
            double ax = cx + side * bodyR * 0.85;
            double ay = bodyY - bodyR * 0.1;
            double bx = ax + side * bodyR * 0.55;
            double by = ay - bodyR * lift;
            double hw = bodyR * 0.11;
            c.fill(Canvas.segment(ax, ay, bx, by, hw), dark, Math.min(ax, bx) - hw, Math.min(ay, by) - hw,
                    Math.max(ax, bx) + hw, Math.max(ay, by) + hw, null);
        }
        // Body with soft top-left lighting so it reads as a 3D form.
        double lx = cx - bodyR * 0.4;
        double ly = bodyY - bodyR * 0.5;
        c.fill(Canvas.ellipse(cx, bodyY, bodyR, bodyR * 1.05), body, cx - bodyR, bodyY - bodyR * 1.05,
                cx + bodyR, bodyY + bodyR * 1.05, (x, y) -> 1.25 - 0.55 * Math.hypot(x - lx, y - ly) / (2 * bodyR));
        // Face: eyes with highlights, and a smile.
        double eyeY = bodyY - bodyR * 0.25;
        for (int side = -1; side <= 1; side += 2) {
            double ex = cx + side * bodyR * 0.32;
            double er = bodyR * 0.16;
            c.fill(Canvas.circle(ex, eyeY, er), 0xFFFFFF, ex - er, eyeY - er, ex + er, eyeY + er, null);
            double pr = er * 0.55;
            c.fill(Canvas.circle(ex + er * 0.15, eyeY + er * 0.1, pr), 0x202020, ex - er, eyeY - er, ex + er,
                    eyeY + er, null);
            c.fill(Canvas.circle(ex - er * 0.1, eyeY - er * 0.2, pr * 0.3), 0xFFFFFF, ex - er, eyeY - er, ex + er,
                    eyeY + er, null);
        }
        double my = bodyY + bodyR * 0.2;
        double mr = bodyR * 0.3;
        Canvas.Shape ring = Canvas.circle(cx, my - mr * 0.6, mr);
        c.fill((x, y) -> y < my - mr * 0.2 ? 1e9 : Math.abs(ring.distance(x, y)) - bodyR * 0.03, 0x301010,
                cx - mr * 1.2, my - mr * 1.7, cx + mr * 1.2, my + mr * 0.6, null);
        // An antenna with a ball, thin enough to test fine-structure matting.
        double tipX = cx + bodyR * (rnd.nextDouble() - 0.5) * 0.6;
        double tipY = bodyY - bodyR * 1.55;
        c.fill(Canvas.segment(cx, bodyY - bodyR, tipX, tipY, s * 0.008), dark, Math.min(cx, tipX) - 5, tipY - 5,
                Math.max(cx, tipX) + 5, bodyY - bodyR + 5, null);
        double br = bodyR * 0.1;
        c.fill(Canvas.circle(tipX, tipY, br), 0xFFD34D, tipX - br, tipY - br, tipX + br, tipY + br, null);
        return c.toRaster();
    }

    /** Returns black outlines of a few shapes (circle, rectangle, triangle, a wave and a house) on white. */
    public static Raster lineDrawing(int w, int h) {
        Canvas c = new Canvas(w, h);
        c.clear(0xFFFFFF);
        double s = Math.min(w, h);
        double lw = Math.max(1.5, s / 170);
        c.stroke(Canvas.circle(w * 0.25, h * 0.27, s * 0.13), lw, 0x000000, 0, 0, w, h);
        c.stroke(Canvas.roundRect(w * 0.55, h * 0.12, w * 0.9, h * 0.45, s * 0.03), lw, 0x000000, 0, 0, w, h);
        c.stroke(Canvas.polygon(w * 0.1, h * 0.9, w * 0.3, h * 0.55, w * 0.45, h * 0.9), lw, 0x000000, 0, 0, w, h);
        // House: square body, roof, door.
        double hx = w * 0.6;
        double hy = h * 0.62;
        double hs = s * 0.25;
        c.stroke(Canvas.polygon(hx, hy, hx + hs, hy, hx + hs, hy + hs, hx, hy + hs), lw, 0x000000, 0, 0, w, h);
        c.stroke(Canvas.polygon(hx - hs * 0.1, hy, hx + hs / 2, hy - hs * 0.45, hx + hs * 1.1, hy), lw, 0x000000,
                0, 0, w, h);
        c.stroke(Canvas.roundRect(hx + hs * 0.4, hy + hs * 0.55, hx + hs * 0.6, hy + hs, 1), lw, 0x000000, 0, 0, w,
                h);
        // A wave as a chain of short segments.
        double prevX = w * 0.05;
        double prevY = h * 0.5;
        for (int i = 1; i <= 60; i++) {
            double x = w * 0.05 + i * (w * 0.45) / 60;
            double y = h * 0.5 + Math.sin(i / 60.0 * 4 * Math.PI) * h * 0.04;
            c.fill(Canvas.segment(prevX, prevY, x, y, lw / 2), 0x000000, Math.min(prevX, x) - lw,
                    Math.min(prevY, y) - lw, Math.max(prevX, x) + lw, Math.max(prevY, y) + lw, null);
            prevX = x;
            prevY = y;
        }
        return c.toRaster();
    }

    /** Returns an 0xRRGGBB colour with each channel multiplied by {@code k}. */
    static int scale(int rgb, double k) {
        int r = (int) Math.min(255, ((rgb >> 16) & 0xff) * k);
        int g = (int) Math.min(255, ((rgb >> 8) & 0xff) * k);
        int b = (int) Math.min(255, (rgb & 0xff) * k);
        return r << 16 | g << 8 | b;
    }
}
