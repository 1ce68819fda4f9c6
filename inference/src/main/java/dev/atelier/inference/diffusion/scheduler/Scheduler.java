package dev.atelier.inference.diffusion.scheduler;

/**
 * A diffusion sampler: which timesteps to visit and how to move the latent from one to the next given the
 * model's output. Latents are flat float arrays (any shape; every operation is element-wise). An instance holds
 * one generation's state (multistep schedulers remember earlier outputs): call {@link #setTimesteps} first, then
 * {@link #step} once per index in order. Not thread-safe.
 *
 * <p>Step indices count the steps that actually run: with img2img strength below 1 index 0 is the first step
 * after the skipped ones.
 */
public interface Scheduler {

    /**
     * Prepares {@code steps} inference steps. {@code strength} < 1 (img2img) runs only the last
     * {@code int(steps·strength)} of them ({@link Strength#startStep}); LCM instead shortens its origin schedule
     * and still runs {@code steps} steps.
     *
     * @throws IllegalArgumentException when steps or strength are out of range or leave nothing to run
     */
    void setTimesteps(int steps, double strength);

    /** Prepares {@code steps} steps from pure noise (strength 1). */
    default void setTimesteps(int steps) {
        setTimesteps(steps, 1.0);
    }

    /** The timesteps that will run, in order; the value passed to the model at each step index. */
    float[] timesteps();

    /**
     * The standard deviation to multiply unit Gaussian noise by for a txt2img start latent: 1 for the schedulers
     * that work in variance-preserving space (DDIM, DPM++, LCM), σ_max for the σ-space ones (Euler).
     */
    default float initNoiseSigma() {
        return 1f;
    }

    /** The model input for step {@code stepIndex}: σ-space schedulers rescale the latent, VP-space ones do not. */
    default float[] scaleModelInput(float[] sample, int stepIndex) {
        return sample;
    }

    /**
     * Advances {@code sample} through step {@code stepIndex} given the model output there.
     *
     * @param noise used by stochastic schedulers (Euler ancestral, LCM between steps); may be {@code null} for
     *     the deterministic ones
     */
    StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise);

    /** Noises a clean latent to the level of step {@code stepIndex} (img2img start, inpainting blend). */
    float[] addNoise(float[] original, float[] noise, int stepIndex);
}
