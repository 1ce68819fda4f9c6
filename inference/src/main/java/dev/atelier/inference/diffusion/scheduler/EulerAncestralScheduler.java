package dev.atelier.inference.diffusion.scheduler;

/**
 * Euler ancestral: each step goes down to σ_down deterministically, then adds fresh noise of σ_up, so that
 * σ_down² + σ_up² = σ_next². The result depends on the noise source; the same seed repeats it exactly.
 */
public final class EulerAncestralScheduler extends AbstractEulerScheduler {

    /** The split of the next σ into its deterministic and its fresh-noise part. */
    public record AncestralSigmas(float up, float down) {}

    public EulerAncestralScheduler(SchedulerConfig config) {
        super(config);
    }

    /** σ_up = sqrt(σ_to²(σ_from² − σ_to²)/σ_from²) and σ_down = sqrt(σ_to² − σ_up²) for step {@code stepIndex}. */
    public AncestralSigmas ancestralSigmas(int stepIndex) {
        float from = sigma(stepIndex);
        float to = nextSigma(stepIndex);
        float up = Latents.sqrt(to * to * (from * from - to * to) / (from * from));
        float down = Latents.sqrt(to * to - up * up);
        return new AncestralSigmas(up, down);
    }

    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        float sigma = sigma(stepIndex);
        AncestralSigmas split = ancestralSigmas(stepIndex);
        float[] x0 = originalSample(modelOutput, sample, sigma);
        float[] prev = eulerMove(sample, x0, sigma, split.down() - sigma);
        float[] z = Latents.required(noise, "Euler ancestral").gaussian(prev.length);
        for (int i = 0; i < prev.length; i++) {
            prev[i] += z[i] * split.up();
        }
        return new StepResult(prev, x0);
    }
}
