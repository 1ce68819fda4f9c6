package dev.atelier.core.plan;

import dev.atelier.core.operation.RetouchRequest;

/**
 * How a selection becomes the masks of an inpaint (Retouch). Pixel values are distances from the selection's edge
 * (the pixels with coverage of at least half).
 *
 * @param grow pixels the selection is grown by before repainting: fully repainted, 0..256
 * @param feather pixels beyond the grown selection where the generation mask fades out, 0..256
 * @param blend width in pixels of the seam where the result fades into the original, ending where the generation
 *     mask ends, 0..256
 * @param paddingPercent context around the generation mask, in percent of its longer side, 0..100
 */
public record InpaintSettings(int grow, int feather, int blend, int paddingPercent) {

    /** The defaults krita-ai-diffusion users found comfortable: grow 4, a soft feather, a wide seam, padding 6 %. */
    public static final InpaintSettings DEFAULT = new InpaintSettings(RetouchRequest.DEFAULT_GROW,
            RetouchRequest.DEFAULT_FEATHER, RetouchRequest.DEFAULT_BLEND, RetouchRequest.DEFAULT_PADDING);

    public InpaintSettings {
        for (int v : new int[] {grow, feather, blend}) {
            if (v < 0 || v > 256) {
                throw new IllegalArgumentException(
                        "grow, feather and blend must be 0..256, got " + grow + ", " + feather + ", " + blend);
            }
        }
        if (paddingPercent < 0 || paddingPercent > 100) {
            throw new IllegalArgumentException("padding must be 0..100 %, got " + paddingPercent);
        }
    }

    /** Returns the settings a Retouch request asks for. */
    public static InpaintSettings of(RetouchRequest r) {
        return new InpaintSettings(r.grow(), r.feather(), r.blend(), r.padding());
    }

    /** Returns how far from the selection's edge the generation mask reaches. */
    public int reach() {
        return grow + feather;
    }

    @Override
    public String toString() {
        return "grow " + grow + " px, feather " + feather + " px, blend " + blend + " px, padding " + paddingPercent
                + " %";
    }
}
