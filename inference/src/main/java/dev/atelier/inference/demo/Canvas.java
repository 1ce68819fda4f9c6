package dev.atelier.inference.demo;

import dev.atelier.core.image.Raster;

/**
 * A small float RGBA drawing surface (premultiplied, sRGB-encoded values 0..1) that fills shapes given as signed
 * distance functions, with one pixel of antialiasing at their edges.
 */
final class Canvas {

    /** Signed distance in pixels from a point to a shape's outline: negative inside. */
    @FunctionalInterface
    interface Shape {
        double distance(double x, double y);
    }

    final int width;
    final int height;
    private final float[] px;

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.px = new float[4 * width * height];
    }

    /** Fills the whole canvas with an opaque colour (0xRRGGBB). */
    void clear(int rgb) {
        for (int i = 0; i < px.length; i += 4) {
            px[i] = ((rgb >> 16) & 0xff) / 255f;
            px[i + 1] = ((rgb >> 8) & 0xff) / 255f;
            px[i + 2] = (rgb & 0xff) / 255f;
            px[i + 3] = 1f;
        }
    }

    /** Composites a shape in {@code rgb} over the canvas; {@code shade} darkens (&lt; 1) or lightens per pixel. */
    void fill(Shape s, int rgb, double x0, double y0, double x1, double y1, Shade shade) {
        int ix0 = Math.max(0, (int) Math.floor(x0) - 1);
        int iy0 = Math.max(0, (int) Math.floor(y0) - 1);
        int ix1 = Math.min(width - 1, (int) Math.ceil(x1) + 1);
        int iy1 = Math.min(height - 1, (int) Math.ceil(y1) + 1);
        float r = ((rgb >> 16) & 0xff) / 255f;
        float g = ((rgb >> 8) & 0xff) / 255f;
        float b = (rgb & 0xff) / 255f;
        for (int y = iy0; y <= iy1; y++) {
            for (int x = ix0; x <= ix1; x++) {
                double cx = x + 0.5;
                double cy = y + 0.5;
                double cover = Math.min(1, Math.max(0, 0.5 - s.distance(cx, cy)));
                if (cover <= 0) {
                    continue;
                }
                float k = shade == null ? 1f : (float) shade.factor(cx, cy);
                float a = (float) cover;
                int i = 4 * (y * width + x);
                px[i] = Math.min(1f, r * k) * a + px[i] * (1 - a);
                px[i + 1] = Math.min(1f, g * k) * a + px[i + 1] * (1 - a);
                px[i + 2] = Math.min(1f, b * k) * a + px[i + 2] * (1 - a);
                px[i + 3] = a + px[i + 3] * (1 - a);
            }
        }
    }

    /** Strokes a shape's outline with a line {@code width} pixels wide. */
    void stroke(Shape s, double lineWidth, int rgb, double x0, double y0, double x1, double y1) {
        double half = lineWidth / 2;
        fill((x, y) -> Math.abs(s.distance(x, y)) - half, rgb, x0 - half, y0 - half, x1 + half, y1 + half, null);
    }

    /** A per-pixel brightness factor. */
    @FunctionalInterface
    interface Shade {
        double factor(double x, double y);
    }

    /** Returns the canvas as an 8-bit straight-alpha raster. */
    Raster toRaster() {
        byte[] out = new byte[4 * width * height];
        for (int i = 0; i < px.length; i += 4) {
            float a = px[i + 3];
            if (a <= 0) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                out[i + c] = (byte) Math.round(Math.min(1f, px[i + c] / a) * 255f);
            }
            out[i + 3] = (byte) Math.round(a * 255f);
        }
        return Raster.wrap(width, height, out);
    }

    static Shape circle(double cx, double cy, double r) {
        return (x, y) -> Math.hypot(x - cx, y - cy) - r;
    }

    static Shape ellipse(double cx, double cy, double rx, double ry) {
        // Approximate distance: exact on the axes, good enough for 1-pixel antialiasing.
        return (x, y) -> {
            double dx = (x - cx) / rx;
            double dy = (y - cy) / ry;
            double k = Math.hypot(dx, dy);
            double grad = Math.hypot(dx / rx, dy / ry);
            return grad == 0 ? -Math.min(rx, ry) : (k - 1) * k / grad;
        };
    }

    static Shape roundRect(double x0, double y0, double x1, double y1, double radius) {
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        double hx = (x1 - x0) / 2 - radius;
        double hy = (y1 - y0) / 2 - radius;
        return (x, y) -> {
            double qx = Math.abs(x - cx) - hx;
            double qy = Math.abs(y - cy) - hy;
            double outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
            return outside + Math.min(Math.max(qx, qy), 0) - radius;
        };
    }

    /** A polygon's signed distance (vertices as x0, y0, x1, y1, …). */
    static Shape polygon(double... v) {
        int n = v.length / 2;
        return (x, y) -> {
            double d = Double.MAX_VALUE;
            boolean inside = false;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double xi = v[2 * i];
                double yi = v[2 * i + 1];
                double xj = v[2 * j];
                double yj = v[2 * j + 1];
                double ex = xj - xi;
                double ey = yj - yi;
                double t = Math.max(0, Math.min(1, ((x - xi) * ex + (y - yi) * ey) / (ex * ex + ey * ey)));
                d = Math.min(d, Math.hypot(x - xi - t * ex, y - yi - t * ey));
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                    inside = !inside;
                }
            }
            return inside ? -d : d;
        };
    }

    /** A thick line segment with round caps. */
    static Shape segment(double ax, double ay, double bx, double by, double halfWidth) {
        return (x, y) -> {
            double ex = bx - ax;
            double ey = by - ay;
            double t = Math.max(0, Math.min(1, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey)));
            return Math.hypot(x - ax - t * ex, y - ay - t * ey) - halfWidth;
        };
    }
}
