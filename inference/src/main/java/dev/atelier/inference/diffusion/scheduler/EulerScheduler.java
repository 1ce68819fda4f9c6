package dev.atelier.inference.diffusion.scheduler;

/** Euler (Karras et al. 2022, Algorithm 2 without churn): deterministic first-order steps in σ space. */
public final class EulerScheduler extends AbstractEulerScheduler {

    public EulerScheduler(SchedulerConfig config) {
        super(config);
    }

    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        float sigma = sigma(stepIndex);
        float[] x0 = originalSample(modelOutput, sample, sigma);
        return new StepResult(eulerMove(sample, x0, sigma, nextSigma(stepIndex) - sigma), x0);
    }
}
