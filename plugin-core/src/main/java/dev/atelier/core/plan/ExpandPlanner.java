package dev.atelier.core.plan;

import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.MaskView;
import dev.atelier.core.operation.AspectRatio;
import dev.atelier.core.operation.ExpandRequest;
import java.util.Optional;

/**
 * Expand request + image size (+ the host's selection) → {@link ExpandPlan}.
 *
 * <p>Margins come first, then the canvas grows further to the aspect ratio, the extra split between the sides
 * that already grow (evenly when none does). When all margins are 0 and the aspect is free, a selection touching
 * canvas edges says the direction, as in krita-ai-diffusion's expand detection: each touched edge grows by the
 * selection's depth from it (rounded up to 8), and an axis the selection spans edge to edge does not grow. A
 * selection otherwise plays no part in Expand. The band is at most a quarter of the image's shorter side, so a
 * small image is not repainted whole.
 */
public final class ExpandPlanner {

    private ExpandPlanner() {}

    /** Returns the plan, or throws {@link IllegalArgumentException} with a message for the user. */
    public static ExpandPlan plan(ExpandRequest request, int width, int height, Optional<? extends MaskView> selection) {
        String[] reason = new String[1];
        Margins m = margins(request, width, height, selection, reason);
        int band = Math.min(request.band(), Math.min(width, height) / 4); // most of a small image stays as it is
        int nw = width + m.left() + m.right();
        int nh = height + m.top() + m.bottom();
        byte[] gen = new byte[Math.multiplyExact(nw, nh)];
        byte[] blend = new byte[gen.length];
        float half = band / 2f;
        for (int y = 0, i = 0; y < nh; y++) {
            int oy = y - m.top();
            for (int x = 0; x < nw; x++, i++) {
                int ox = x - m.left();
                float d = distanceToNewArea(ox, oy, width, height, m);
                gen[i] = (byte) (d <= 0 ? 255 : Ramp.coverage(d, half, band));
                blend[i] = (byte) (d <= 0 ? 255 : Ramp.coverage(d, 0, half));
            }
        }
        return new ExpandPlan(width, height, m, Mask.wrap(nw, nh, gen), Mask.wrap(nw, nh, blend), band, reason[0]);
    }

    /** 0 on the new area; for old pixels, the distance from the pixel centre to the nearest growing side. */
    private static float distanceToNewArea(int x, int y, int w, int h, Margins m) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0;
        }
        float d = Float.POSITIVE_INFINITY;
        if (m.left() > 0) {
            d = Math.min(d, x + 0.5f);
        }
        if (m.right() > 0) {
            d = Math.min(d, w - x - 0.5f);
        }
        if (m.top() > 0) {
            d = Math.min(d, y + 0.5f);
        }
        if (m.bottom() > 0) {
            d = Math.min(d, h - y - 0.5f);
        }
        return d;
    }

    /** Returns the margins the request means for a width x height image; {@code reason[0]} says why. */
    public static Margins margins(ExpandRequest r, int width, int height, Optional<? extends MaskView> selection,
            String[] reason) {
        Margins m = new Margins(r.left(), r.top(), r.right(), r.bottom());
        reason[0] = "margins";
        if (r.needsDirection()) {
            m = fromSelection(width, height, selection);
            reason[0] = "selection touching the " + sides(m);
        }
        if (r.aspect() != AspectRatio.FREE) {
            Margins before = m;
            m = toAspect(m, width, height, r.aspect());
            reason[0] = (before.isZero() ? "" : reason[0] + ", then ") + "aspect " + r.aspect().id();
        }
        if (m.isZero()) {
            throw new IllegalArgumentException("the image is already " + r.aspect().id()
                    + "; set a margin above 0 to expand it");
        }
        int most = Math.max(Math.max(m.left(), m.right()), Math.max(m.top(), m.bottom()));
        if (most > ExpandRequest.MAX_MARGIN) {
            throw new IllegalArgumentException("expanding " + width + "x" + height + " that way needs a margin of "
                    + most + " px, above the limit of " + ExpandRequest.MAX_MARGIN);
        }
        return m;
    }

    private static Margins fromSelection(int w, int h, Optional<? extends MaskView> selection) {
        String hint = "Expand needs a margin above 0, an aspect ratio, or a selection touching the canvas edge "
                + "to grow towards";
        if (selection.isEmpty()) {
            throw new IllegalArgumentException(hint);
        }
        Bounds b = selection.get().nonZeroBounds();
        if (b.isEmpty()) {
            throw new IllegalArgumentException(hint);
        }
        boolean left = b.x() == 0;
        boolean right = b.right() == w;
        boolean top = b.y() == 0;
        boolean bottom = b.bottom() == h;
        boolean spansX = left && right;
        boolean spansY = top && bottom;
        int dx = InpaintPlanner.roundUp8(b.width());
        int dy = InpaintPlanner.roundUp8(b.height());
        Margins m = new Margins(left && !spansX ? dx : 0, top && !spansY ? dy : 0, right && !spansX ? dx : 0,
                bottom && !spansY ? dy : 0);
        if (m.isZero()) {
            throw new IllegalArgumentException(hint + " (the selection "
                    + (spansX && spansY ? "covers the whole image" : "touches no edge") + ")");
        }
        return m;
    }

    private static Margins toAspect(Margins m, int w, int h, AspectRatio a) {
        long cw = (long) w + m.left() + m.right();
        long ch = (long) h + m.top() + m.bottom();
        if (cw * a.height() < ch * a.width()) { // too narrow: widen
            long want = (ch * a.width() + a.height() - 1) / a.height();
            int[] split = split((int) (want - cw), m.left(), m.right());
            return new Margins(m.left() + split[0], m.top(), m.right() + split[1], m.bottom());
        }
        if (cw * a.height() > ch * a.width()) { // too wide: heighten
            long want = (cw * a.height() + a.width() - 1) / a.width();
            int[] split = split((int) (want - ch), m.top(), m.bottom());
            return new Margins(m.left(), m.top() + split[0], m.right(), m.bottom() + split[1]);
        }
        return m;
    }

    /** Splits {@code extra} between two sides in proportion to their margins, evenly when both are 0. */
    private static int[] split(int extra, int a, int b) {
        int first = a + b == 0 ? extra / 2 : (int) Math.round((double) extra * a / (a + b));
        return new int[] {first, extra - first};
    }

    private static String sides(Margins m) {
        StringBuilder s = new StringBuilder();
        for (String[] side : new String[][] {{"left", "" + m.left()}, {"top", "" + m.top()},
                {"right", "" + m.right()}, {"bottom", "" + m.bottom()}}) {
            if (!side[1].equals("0")) {
                s.append(s.length() == 0 ? "" : " and ").append(side[0]);
            }
        }
        return s + " edge" + (s.indexOf(" and ") >= 0 ? "s" : "");
    }
}
