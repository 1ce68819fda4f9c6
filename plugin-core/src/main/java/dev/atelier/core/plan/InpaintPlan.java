package dev.atelier.core.plan;

import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Mask;
import java.util.Objects;

/**
 * Where and how an inpaint (Retouch) happens, worked out once from the selection so every engine does the same:
 * the engine sees the {@code context} crop of the canvas and repaints where {@code generation} is above 0; the
 * result is laid back through {@code blend}, so pixels where it is 0 stay bit-identical.
 *
 * @param canvasWidth the canvas (input image) width
 * @param canvasHeight the canvas height
 * @param selection the bounds of every selected pixel, in canvas coordinates
 * @param context the crop an engine works on, in canvas coordinates: inside the canvas, sides multiples of 8
 *     unless the canvas is smaller
 * @param generation what to repaint, context-sized: 255 over the grown selection, fading out over the feather
 * @param blend how much of the result replaces the original, context-sized: 255 over the selection, fading to 0
 *     where {@code generation} ends; never above 0 where {@code generation} is 0
 * @param patch the bounds of the non-zero blend, in canvas coordinates: the result layer
 * @param settings the parameters it was made from
 */
public record InpaintPlan(int canvasWidth, int canvasHeight, Bounds selection, Bounds context, Mask generation,
        Mask blend, Bounds patch, InpaintSettings settings) {

    public InpaintPlan {
        Objects.requireNonNull(settings, "settings");
        if (!Bounds.of(canvasWidth, canvasHeight).contains(context) || context.isEmpty()) {
            throw new IllegalArgumentException("context " + context + " is not inside the canvas");
        }
        if (generation.width() != context.width() || generation.height() != context.height()
                || blend.width() != context.width() || blend.height() != context.height()) {
            throw new IllegalArgumentException("masks must be context-sized (" + context + ")");
        }
        if (!context.contains(patch)) {
            throw new IllegalArgumentException("patch " + patch + " is outside the context " + context);
        }
    }

    /** Returns a few lines a person can check: the rectangles, mask coverage and settings. */
    public String describe() {
        return "Inpaint plan on a " + canvasWidth + "x" + canvasHeight + " canvas\n"
                + "  selection  " + selection + "\n"
                + "  context    " + context + " (" + settings + ")\n"
                + "  generation " + coverage(generation) + "\n"
                + "  blend      " + coverage(blend) + ", patch " + patch + "\n";
    }

    static String coverage(Mask m) {
        long full = 0;
        long partial = 0;
        for (byte b : m.unsafeBytes()) {
            if (b == (byte) 255) {
                full++;
            } else if (b != 0) {
                partial++;
            }
        }
        return full + " px full, " + partial + " px partial";
    }

    @Override
    public String toString() {
        return describe();
    }
}
