package dev.atelier.inference.diffusion.scheduler;

/**
 * What one denoising step returns.
 *
 * @param sample the latent for the next step (after the last step: the final latent)
 * @param predictedOriginal the model's current estimate of the clean latent x₀ (for previews)
 */
public record StepResult(float[] sample, float[] predictedOriginal) {}
