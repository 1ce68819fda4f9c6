package dev.atelier.core.plan;

import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Edge;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.core.operation.OperationResult;
import java.util.List;

/**
 * Lays an engine's output back over the original through a plan's blend mask and returns the result patch. Where
 * the blend is 0 the original bytes are copied, where it is 255 the output's; between, colours are mixed
 * premultiplied by alpha, in integers, so both ends are exact and nothing outside the blend changes by even one
 * code.
 */
public final class PlanCompositor {

    private PlanCompositor() {}

    /**
     * Retouch: {@code generated} is the engine's output over {@code plan.context()} (context-sized); the result is
     * the patch at {@code plan.patch()} on the unchanged canvas.
     */
    public static OperationResult composite(RgbaView canvas, InpaintPlan plan, RgbaView generated,
            List<String> notices) {
        Bounds ctx = plan.context();
        if (generated.width() != ctx.width() || generated.height() != ctx.height()) {
            throw new IllegalArgumentException("output " + generated.width() + "x" + generated.height()
                    + " does not match the context " + ctx);
        }
        Bounds p = plan.patch(); // never empty: the blend is above 0 on every selected pixel
        Bounds local = p.translate(-ctx.x(), -ctx.y());
        byte[] out = mix(canvas.crop(p), generated.crop(local), plan.blend(), local.x(), local.y());
        return new OperationResult(Raster.wrap(p.width(), p.height(), out), p.x(), p.y(), plan.canvasWidth(),
                plan.canvasHeight(), notices);
    }

    /**
     * Expand: {@code generated} covers the whole new canvas; the result is that canvas, placed so the old image
     * keeps its place (a negative origin for the old content, as the protocol describes).
     */
    public static OperationResult composite(RgbaView oldImage, ExpandPlan plan, RgbaView generated,
            List<String> notices) {
        if (generated.width() != plan.width() || generated.height() != plan.height()) {
            throw new IllegalArgumentException("output " + generated.width() + "x" + generated.height()
                    + " does not match the new canvas " + plan.width() + "x" + plan.height());
        }
        Margins m = plan.margins();
        RgbaView original = oldImage.pad(m.left(), m.top(), m.right(), m.bottom(),
                Edge.TRANSPARENT); // the new area's blend is 255, so these pixels are never used
        byte[] out = mix(original, generated, plan.blend(), 0, 0);
        return new OperationResult(Raster.wrap(plan.width(), plan.height(), out), -m.left(), -m.top(),
                plan.width(), plan.height(), notices);
    }

    /** original·(1−b) + generated·b, premultiplied by alpha; b from {@code blend} at (bx + x, by + y). */
    private static byte[] mix(RgbaView original, RgbaView generated, Mask blend, int bx, int by) {
        int w = original.width();
        int h = original.height();
        byte[] out = new byte[Raster.checkedSize(w, h)];
        byte[] gen = new byte[4 * w];
        byte[] weights = new byte[w];
        for (int y = 0; y < h; y++) {
            int row = 4 * w * y;
            original.readRow(y, 0, w, out, row);
            generated.readRow(y, 0, w, gen, 0);
            blend.readRow(by + y, bx, w, weights, 0);
            for (int x = 0; x < w; x++) {
                int b = weights[x] & 0xff;
                int i = row + 4 * x;
                if (b == 0) {
                    continue;
                }
                if (b == 255) {
                    System.arraycopy(gen, 4 * x, out, i, 4);
                    continue;
                }
                // Premultiplied, so a transparent original (often stored as black) adds no dark fringe.
                int oa = out[i + 3] & 0xff;
                int ga = gen[4 * x + 3] & 0xff;
                int a = oa * (255 - b) + ga * b; // alpha x 255
                for (int c = 0; c < 3; c++) {
                    long v = (long) (out[i + c] & 0xff) * oa * (255 - b) + (long) (gen[4 * x + c] & 0xff) * ga * b;
                    out[i + c] = (byte) (a == 0 ? 0 : (v + a / 2) / a);
                }
                out[i + 3] = (byte) ((a + 127) / 255);
            }
        }
        return out;
    }
}
