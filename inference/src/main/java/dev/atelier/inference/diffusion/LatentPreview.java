package dev.atelier.inference.diffusion;

/**
 * A cheap preview of SD 1.x/2.x latents without the VAE: each latent pixel becomes one RGB pixel through a fixed
 * 4×3 linear map, so the preview is the latent's size (1/8 of the image per side).
 *
 * <p>The factors are the ones Kevin Turner ("keturn") determined experimentally for Stable Diffusion 1.4 and
 * posted in "Decoding latents to RGB without upscaling" (Hugging Face forum,
 * https://discuss.huggingface.co/t/decoding-latents-to-rgb-without-upscaling/23204/2); several preview tools reuse
 * them (ComfyUI's own {@code latent_formats.SD15} carries a different, later fit). They are a thumbnail-grade
 * approximation: they take the scaled latents (the ones the UNet sees) and give roughly −1..1, mapped to 0..1 here.
 */
public final class LatentPreview {

    /** Rows: latent channels 0..3; columns: R, G, B. */
    static final float[][] SD15_FACTORS = {
        {0.298f, 0.207f, 0.208f},
        {0.187f, 0.286f, 0.173f},
        {-0.158f, 0.189f, 0.264f},
        {-0.184f, -0.271f, -0.473f},
    };

    private LatentPreview() {}

    /** Returns the preview of {@code latents} ([channels, height, width], at least 4 channels used). */
    public static RgbPlanes of(float[] latents, int channels, int height, int width) {
        int n = height * width;
        float[] rgb = new float[3 * n];
        int used = Math.min(channels, SD15_FACTORS.length);
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < 3; k++) {
                float v = 0;
                for (int c = 0; c < used; c++) {
                    v += latents[c * n + p] * SD15_FACTORS[c][k];
                }
                rgb[k * n + p] = Math.min(1f, Math.max(0f, (v + 1f) / 2f));
            }
        }
        return new RgbPlanes(width, height, rgb);
    }
}
