package dev.atelier.inference.engine.diffusion;

import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.inference.diffusion.SdModelLayout;

/**
 * How Upscale Balanced and Creative refine the enlarged image with the diffusion model: a low-strength img2img
 * over tiles of the model's native size that overlap per krita-ai-diffusion's rule and are blended with linear
 * (feathered) weights across the whole overlap.
 *
 * <p><b>Strength.</b> Balanced {@value #BALANCED}, Creative {@value #CREATIVE}. The references disagree on one
 * number: krita-ai-diffusion's upscale workspace defaults to 0.3, Scenario's upscale-v3 model to 0.1
 * (anchors.md §2.1 "Tiled upscale", §5 "Upscale V3"). Balanced sits between them: enough to sharpen ESRGAN's
 * smooth textures, too little to move edges; Creative goes a little past krita's default, where a model starts
 * inventing texture, still well below img2img's usual 0.5+ where it redraws shapes.
 *
 * <p><b>Overlap.</b> krita-ai-diffusion pads each tile by {@code 16 + 64·strength} px (anchors.md line ~100):
 * higher strength changes more, so more shared context is needed for neighbours to agree. Each tile reaches that
 * far into its neighbour, so neighbours share twice the padding, rounded up to a multiple of 8 (the VAE's grid).
 *
 * @param strength img2img strength, 0..1 (influence = 100·(1 − strength))
 * @param steps the schedule's full length; {@code (int) (steps·strength)} of them run per tile
 * @param tile tile side in pixels, the model's native size (512 for SD 1.x/2.x, 1024 for SDXL)
 * @param overlap pixels shared by neighbouring tiles, a multiple of 8
 * @param prompt the text the refinement follows; "" for none (an Upscale request carries no prompt yet)
 * @param seed noise seed; tile {@code i} uses {@code seed + i}, so tiles get different noise reproducibly
 */
record RefineSettings(double strength, int steps, int tile, int overlap, String prompt, long seed) {

    static final double BALANCED = 0.2;
    static final double CREATIVE = 0.35;
    /** Steps of the full schedule: Balanced runs 4 of them per tile, Creative 7. */
    static final int STEPS = 20;
    /** The seed when the request has none: a fixed one, so the same upscale gives the same pixels. */
    static final long DEFAULT_SEED = 1234;

    RefineSettings {
        if (!(strength > 0 && strength < 1) || steps < 1 || tile < 64 || tile % 8 != 0 || overlap < 0
                || overlap % 8 != 0 || 2 * overlap > tile) {
            throw new IllegalArgumentException("bad refinement " + strength + "/" + steps + "/" + tile + "/"
                    + overlap);
        }
    }

    /** The refinement for {@code preset} (Balanced or Creative) on a model of {@code family}. */
    static RefineSettings of(UpscalePreset preset, SdModelLayout.SdFamily family) {
        double strength = switch (preset) {
            case BALANCED -> BALANCED;
            case CREATIVE -> CREATIVE;
            case PRECISE -> throw new IllegalArgumentException("Precise is never refined");
        };
        // the size the model was trained at, as every diffusion job uses: 512 for SD 1.x/2.x, 1024 for SDXL
        return new RefineSettings(strength, STEPS, family.defaultSide(), overlapFor(strength), "", DEFAULT_SEED);
    }

    /** Twice krita-ai-diffusion's padding {@code 16 + 64·strength}, rounded up to a multiple of 8. */
    static int overlapFor(double strength) {
        int padding = (int) Math.round(16 + 64 * strength);
        return (2 * padding + 7) / 8 * 8;
    }

    /**
     * Img2img influence (0..100) for this strength, a hair low: 1 − 80/100 is 0.19999… in doubles, and
     * int(20·0.19999…) would run 3 steps where 20·0.2 promises 4.
     */
    double influence() {
        return Math.max(0, 100 * (1 - strength) - 1e-9);
    }

    /**
     * Classifier-free guidance: off (1) without a prompt, where the prompt's and the empty negative prompt's
     * predictions are the same and guidance would only run the UNet twice; else the Img2Img panel's default 7.
     */
    double guidance() {
        return prompt.isEmpty() ? 1 : 7;
    }

    /** Denoising steps each tile runs. */
    int stepsRun() {
        return (int) (steps * (1 - influence() / 100));
    }

    /** This refinement with another tile size and overlap (tests use small tiles to get many of them). */
    RefineSettings withTiles(int newTile, int newOverlap) {
        return new RefineSettings(strength, steps, newTile, newOverlap, prompt, seed);
    }

    /** This refinement with another seed. */
    RefineSettings withSeed(long newSeed) {
        return new RefineSettings(strength, steps, tile, overlap, prompt, newSeed);
    }
}
