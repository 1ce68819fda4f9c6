package dev.atelier.inference.diffusion.scheduler;

import java.util.Arrays;

/**
 * DDIM (Song et al. 2020), deterministic for η = 0: predict x₀, then re-noise it to the previous timestep
 * along the predicted ε. Spacing defaults to {@code leading}. The previous timestep is always
 * {@code t − N div steps}, whatever the spacing (as in diffusers).
 */
public final class DdimScheduler implements Scheduler {

    private final SchedulerConfig config;
    private final NoiseSchedule schedule;
    private final float eta;
    // ᾱ "before" timestep 0: 1, or ᾱ₀ for models trained without the final step (SD: set_alpha_to_one false).
    private final float finalAlphaCumprod;
    private int steps;
    private float[] timesteps;

    public DdimScheduler(SchedulerConfig config) {
        this(config, 0);
    }

    /** With η > 0 each step adds fresh noise (η = 1 behaves like DDPM). */
    public DdimScheduler(SchedulerConfig config, double eta) {
        if (!(eta >= 0)) {
            throw new IllegalArgumentException("eta must be ≥ 0, got " + eta);
        }
        this.config = config;
        this.schedule = NoiseSchedule.of(config);
        this.eta = (float) eta;
        this.finalAlphaCumprod = config.setAlphaToOne() ? 1f : schedule.alphaCumprod(0);
    }

    @Override
    public void setTimesteps(int steps, double strength) {
        Latents.checkSteps(steps, schedule.length());
        int start = Strength.startStep(steps, strength);
        TimestepSpacing spacing = config.spacingOr(TimestepSpacing.LEADING);
        int[] all = TimestepSpacing.rounded(spacing.timesteps(schedule.length(), steps, config.stepsOffset()));
        float[] ts = new float[all.length - start];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = all[start + i];
        }
        this.steps = steps;
        this.timesteps = ts;
    }

    @Override
    public float[] timesteps() {
        return timesteps == null ? new float[0] : timesteps.clone();
    }


    /** (1 − ᾱ_prev)/(1 − ᾱ_t) · (1 − ᾱ_t/ᾱ_prev): the DDPM posterior variance between two timesteps. */
    public float variance(int t, int prevT) {
        float alphaT = schedule.alphaCumprod(t);
        float alphaPrev = alphaPrev(prevT);
        float betaT = 1f - alphaT;
        float betaPrev = 1f - alphaPrev;
        return (betaPrev / betaT) * (1f - alphaT / alphaPrev);
    }

    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        Latents.checkIndex(timesteps, stepIndex);
        Latents.sameLength(modelOutput, sample);
        int t = (int) timesteps[stepIndex];
        int prevT = t - schedule.length() / steps;
        float alphaT = schedule.alphaCumprod(t);
        float alphaPrev = alphaPrev(prevT);
        float a = Latents.sqrt(alphaT);
        float s = Latents.sqrt(1f - alphaT);
        PredictionType type = config.predictionType();
        float[] x0 = type.originalSample(modelOutput, sample, a, s);
        float[] eps = type.epsilon(modelOutput, sample, a, s);
        if (config.clipSample()) {
            float r = (float) config.clipSampleRange();
            for (int i = 0; i < x0.length; i++) {
                x0[i] = Math.max(-r, Math.min(r, x0[i]));
            }
        }
        float std = eta * Latents.sqrt(variance(t, prevT));
        float[] prev = Latents.combine(Latents.sqrt(alphaPrev), x0, Latents.sqrt(1f - alphaPrev - std * std), eps);
        if (eta > 0) {
            float[] z = Latents.required(noise, "DDIM with eta > 0").gaussian(prev.length);
            for (int i = 0; i < prev.length; i++) {
                prev[i] += std * z[i];
            }
        }
        return new StepResult(prev, x0);
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int stepIndex) {
        Latents.checkIndex(timesteps, stepIndex);
        float alpha = schedule.alphaCumprod((int) timesteps[stepIndex]);
        return Latents.combine(Latents.sqrt(alpha), original, Latents.sqrt(1f - alpha), noise);
    }

    private float alphaPrev(int prevT) {
        return prevT >= 0 ? schedule.alphaCumprod(prevT) : finalAlphaCumprod;
    }

    @Override
    public String toString() {
        return "DdimScheduler" + Arrays.toString(timesteps);
    }
}
