package dev.atelier.core.plan;

import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Mask;
import java.util.Objects;

/**
 * Where an Expand puts the old image on the new canvas and what gets painted: the new area (coverage 255) plus a
 * band fading into the old image. Masks are canvas-sized (the new canvas).
 *
 * @param oldWidth the input image width
 * @param oldHeight the input image height
 * @param margins the resolved margins; the old image sits at (left, top) on the new canvas
 * @param generation what to paint: the new area, and the outer {@code band} pixels of the old image fading out
 * @param blend how much of the result replaces the old pixels: 255 on the new area, fading to 0 within half the
 *     band; never above 0 where {@code generation} is 0
 * @param band the band width in pixels
 * @param reason how the margins were decided, for people reading the plan
 */
public record ExpandPlan(int oldWidth, int oldHeight, Margins margins, Mask generation, Mask blend, int band,
        String reason) {

    public ExpandPlan {
        Objects.requireNonNull(margins, "margins");
        Objects.requireNonNull(reason, "reason");
        if (generation.width() != oldWidth + margins.left() + margins.right()
                || generation.height() != oldHeight + margins.top() + margins.bottom()
                || blend.width() != generation.width() || blend.height() != generation.height()) {
            throw new IllegalArgumentException("masks must be the size of the new canvas");
        }
    }

    public int width() {
        return generation.width();
    }

    public int height() {
        return generation.height();
    }

    /** Returns where the old image lies on the new canvas. */
    public Bounds oldImage() {
        return new Bounds(margins.left(), margins.top(), oldWidth, oldHeight);
    }

    /** Returns a few lines a person can check. */
    public String describe() {
        return "Expand plan " + oldWidth + "x" + oldHeight + " -> " + width() + "x" + height() + " (" + reason + ")\n"
                + "  margins    " + margins + "; old image at " + oldImage() + "\n"
                + "  generation " + InpaintPlan.coverage(generation) + " (band " + band + " px)\n"
                + "  blend      " + InpaintPlan.coverage(blend) + "\n";
    }

    @Override
    public String toString() {
        return describe();
    }
}
