package dev.atelier.core.plan;

import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.MaskView;

/**
 * Selection + settings → {@link InpaintPlan}. The distance from every pixel to the selection (coverage of at least
 * half) drives both masks: the generation mask is that selection grown by {@code grow} and faded out over {@code
 * feather}; the blend mask fades out over the last {@code blend} pixels of the same reach, so the seam lies in
 * repainted pixels and never cuts through the selection. A selection touching the canvas edge just has its
 * context clamped there: Retouch never grows the canvas (that is Expand's job).
 */
public final class InpaintPlanner {

    /** The smallest context side: diffusion models need surroundings to match, and so does a patch search. */
    public static final int MIN_CONTEXT = 256;
    /** The most context padding on one side, however big the selection. */
    public static final int MAX_PADDING = 256;

    private InpaintPlanner() {}

    /** Returns the plan for {@code selection} (canvas-sized, any shape, soft or hard). */
    public static InpaintPlan plan(MaskView selection, InpaintSettings settings) {
        int cw = selection.width();
        int ch = selection.height();
        Bounds canvas = Bounds.of(cw, ch);
        Bounds selected = selection.nonZeroBounds();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("nothing is selected");
        }
        Bounds support = selected.grow(settings.reach() + 1).intersect(canvas);
        Bounds context = context(support, settings.paddingPercent(), cw, ch);
        MaskView local = selection.crop(context);
        float[] d = DistanceField.toCoverage(local, 128);
        int n = d.length;
        byte[] gen = new byte[n];
        byte[] blend = new byte[n];
        byte[] row = new byte[context.width()];
        float reach = settings.reach();
        float blendStart = Math.max(0, reach - settings.blend());
        for (int y = 0, i = 0; y < context.height(); y++) {
            local.readRow(y, 0, row.length, row, 0);
            for (int x = 0; x < row.length; x++, i++) {
                int s = row[x] & 0xff;
                int g = Math.max(s, Ramp.coverage(d[i], settings.grow(), reach));
                int b = g == 0 ? 0 : Math.max(s, Ramp.coverage(d[i], blendStart, reach));
                gen[i] = (byte) g;
                blend[i] = (byte) b;
            }
        }
        Mask blendMask = Mask.wrap(context.width(), context.height(), blend);
        Bounds patch = blendMask.nonZeroBounds().translate(context.x(), context.y());
        return new InpaintPlan(cw, ch, selected, context, Mask.wrap(context.width(), context.height(), gen),
                blendMask, patch, settings);
    }

    /** Returns the padding for a support of the given longer side: grows with it, multiple of 8, capped. */
    static int padding(int longerSide, int percent) {
        return Math.min(MAX_PADDING, roundUp8((int) Math.ceil(longerSide * percent / 100.0)));
    }

    private static Bounds context(Bounds support, int percent, int cw, int ch) {
        int pad = padding(Math.max(support.width(), support.height()), percent);
        Bounds b = support.grow(pad);
        int[] xs = fit(b.x(), b.width(), cw);
        int[] ys = fit(b.y(), b.height(), ch);
        return new Bounds(xs[0], ys[0], xs[1], ys[1]);
    }

    /** One axis: at least MIN_CONTEXT, a multiple of 8, centred on the wanted span, then shifted inside. */
    private static int[] fit(int start, int length, int canvas) {
        int want = roundUp8(Math.max(length, MIN_CONTEXT));
        if (want >= canvas) {
            return new int[] {0, canvas};
        }
        int s = start - (want - length) / 2;
        s = Math.max(0, Math.min(s, canvas - want));
        return new int[] {s, want};
    }

    static int roundUp8(int v) {
        return (v + 7) & ~7;
    }
}
