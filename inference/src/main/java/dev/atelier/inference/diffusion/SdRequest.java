package dev.atelier.inference.diffusion;

/**
 * One generation. Without an image it is txt2img; with an image, img2img at {@code influence} (0..100: how much of
 * the image survives; strength = 1 − influence/100); with an image and a mask, inpainting (retouch, expand) where
 * the mask is 1 (white, binarised at 0.5) and the image is kept where it is 0.
 *
 * @param negativePrompt the unconditional prompt for classifier-free guidance ("" for none)
 * @param guidance CFG scale; at most 1 turns guidance off (one UNet run per step)
 * @param scheduler a name {@link dev.atelier.inference.diffusion.scheduler.Schedulers#create} accepts
 * @param image {@code null} for txt2img; else {@code width}×{@code height}
 * @param mask {@code null}, or {@code width·height} values in 0..1
 */
public record SdRequest(String prompt, String negativePrompt, int width, int height, int steps, double guidance,
        String scheduler, long seed, RgbPlanes image, double influence, float[] mask) {

    public SdRequest {
        if (width < 8 || height < 8 || width % 8 != 0 || height % 8 != 0) {
            throw new IllegalArgumentException("width and height must be multiples of 8, got " + width + "×" + height);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (image != null && (image.width() != width || image.height() != height)) {
            throw new IllegalArgumentException("the image is " + image.width() + "×" + image.height()
                    + ", the request " + width + "×" + height);
        }
        if (mask != null && (image == null || mask.length != width * height)) {
            throw new IllegalArgumentException("a mask needs an image and one value per pixel");
        }
        if (!(influence >= 0 && influence <= 100)) {
            throw new IllegalArgumentException("influence must be within 0..100, got " + influence);
        }
    }

    /** A txt2img request. */
    public static SdRequest txt2img(String prompt, String negativePrompt, int width, int height, int steps,
            double guidance, String scheduler, long seed) {
        return new SdRequest(prompt, negativePrompt, width, height, steps, guidance, scheduler, seed, null, 0, null);
    }

    /** This request on {@code image} at {@code influence} (img2img). */
    public SdRequest withImage(RgbPlanes image, double influence) {
        return new SdRequest(prompt, negativePrompt, width, height, steps, guidance, scheduler, seed, image,
                influence, mask);
    }

    /** This request repainting where {@code mask} ≥ 0.5 (needs an image). */
    public SdRequest withMask(float[] mask) {
        return new SdRequest(prompt, negativePrompt, width, height, steps, guidance, scheduler, seed, image,
                influence, mask);
    }

    /** The same request with another seed. */
    public SdRequest withSeed(long newSeed) {
        return new SdRequest(prompt, negativePrompt, width, height, steps, guidance, scheduler, newSeed, image,
                influence, mask);
    }
}
