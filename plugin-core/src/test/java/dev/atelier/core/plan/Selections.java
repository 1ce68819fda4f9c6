package dev.atelier.core.plan;

import dev.atelier.core.image.Mask;

/** Test selections on a canvas: rectangles, discs, islands, soft edges. */
final class Selections {

    private Selections() {}

    static Mask rect(int cw, int ch, int x, int y, int w, int h) {
        byte[] m = new byte[cw * ch];
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                m[j * cw + i] = (byte) 255;
            }
        }
        return Mask.wrap(cw, ch, m);
    }

    /** A disc with a soft edge {@code soft} pixels wide (0 = hard). */
    static Mask disc(int cw, int ch, double cx, double cy, double r, double soft) {
        byte[] m = new byte[cw * ch];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                double v = soft == 0 ? (d <= r ? 1 : 0) : Math.max(0, Math.min(1, (r - d) / soft + 0.5));
                m[y * cw + x] = (byte) Math.round(255 * v);
            }
        }
        return Mask.wrap(cw, ch, m);
    }

    /** Union (per-pixel max) of masks of one size. */
    static Mask union(Mask... masks) {
        byte[] out = masks[0].toByteArray();
        for (Mask m : masks) {
            byte[] b = m.unsafeBytes();
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) Math.max(out[i] & 0xff, b[i] & 0xff);
            }
        }
        return Mask.wrap(masks[0].width(), masks[0].height(), out);
    }
}
