package dev.atelier.inference.diffusion.scheduler;

import java.util.Arrays;

/**
 * What Euler and Euler ancestral share: k-diffusion σ per step (σ of the training schedule at the step's
 * fractional timestep, or Karras σ), a final σ of 0, input scaled by 1/sqrt(σ² + 1), noise added as x₀ + σ·ε.
 * Spacing defaults to {@code linspace}, whose timesteps stay unrounded floats.
 */
abstract class AbstractEulerScheduler implements Scheduler {

    final SchedulerConfig config;
    final NoiseSchedule schedule;
    private float[] sigmas;
    private int start;
    private float[] timesteps;

    AbstractEulerScheduler(SchedulerConfig config) {
        this.config = config;
        this.schedule = NoiseSchedule.of(config);
    }

    @Override
    public void setTimesteps(int steps, double strength) {
        int n = schedule.length();
        Latents.checkSteps(steps, n);
        int first = Strength.startStep(steps, strength);
        double[] t = config.spacingOr(TimestepSpacing.LINSPACE).timesteps(n, steps, config.stepsOffset());
        float[] ts = new float[steps];
        double[] s = new double[steps];
        for (int i = 0; i < steps; i++) {
            ts[i] = (float) t[i];
            s[i] = schedule.sigmaAt(ts[i]);
        }
        if (config.useKarrasSigmas()) {
            s = KarrasSigmas.of(s[steps - 1], s[0], steps);
            for (int i = 0; i < steps; i++) {
                ts[i] = (float) schedule.timestepOf(s[i]);
            }
        }
        float[] sig = new float[steps + 1];
        for (int i = 0; i < steps; i++) {
            sig[i] = (float) s[i];
        }
        this.sigmas = sig;
        this.start = first;
        this.timesteps = Arrays.copyOfRange(ts, first, steps);
    }

    @Override
    public float[] timesteps() {
        return timesteps == null ? new float[0] : timesteps.clone();
    }

    /** σ per step that runs, then the final 0. */
    public float[] sigmas() {
        return sigmas == null ? new float[0] : Arrays.copyOfRange(sigmas, start, sigmas.length);
    }

    @Override
    public float initNoiseSigma() {
        if (sigmas == null) {
            throw new IllegalStateException("setTimesteps has not been called");
        }
        float max = 0;
        for (float s : sigmas) {
            max = Math.max(max, s);
        }
        // leading spacing never reaches the top timestep, so diffusers adds the unit variance of the signal.
        return config.spacingOr(TimestepSpacing.LINSPACE) == TimestepSpacing.LEADING
                ? Latents.sqrt(max * max + 1f) : max;
    }

    @Override
    public float[] scaleModelInput(float[] sample, int stepIndex) {
        float sigma = sigma(stepIndex);
        return Latents.divided(sample, Latents.sqrt(sigma * sigma + 1f));
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int stepIndex) {
        return Latents.combine(1f, original, sigma(stepIndex), noise);
    }

    /** σ at step {@code stepIndex}. */
    float sigma(int stepIndex) {
        Latents.checkIndex(timesteps, stepIndex);
        return sigmas[start + stepIndex];
    }

    /** σ of the step after {@code stepIndex} (0 after the last). */
    float nextSigma(int stepIndex) {
        Latents.checkIndex(timesteps, stepIndex);
        return sigmas[start + stepIndex + 1];
    }

    /** The model's x₀ estimate from the unscaled latent {@code sample} at σ. */
    float[] originalSample(float[] modelOutput, float[] sample, float sigma) {
        Latents.sameLength(modelOutput, sample);
        float[] x0 = new float[sample.length];
        if (config.predictionType() == PredictionType.EPSILON) {
            for (int i = 0; i < x0.length; i++) {
                x0[i] = sample[i] - sigma * modelOutput[i];
            }
        } else {
            float v = sigma * sigma + 1f;
            float c = -sigma / Latents.sqrt(v);
            for (int i = 0; i < x0.length; i++) {
                x0[i] = modelOutput[i] * c + sample[i] / v;
            }
        }
        return x0;
    }

    /** sample + (sample − x₀)/σ · dt: one Euler step of the probability-flow ODE. */
    static float[] eulerMove(float[] sample, float[] x0, float sigma, float dt) {
        float[] r = new float[sample.length];
        for (int i = 0; i < r.length; i++) {
            float derivative = (sample[i] - x0[i]) / sigma;
            r[i] = sample[i] + derivative * dt;
        }
        return r;
    }
}
