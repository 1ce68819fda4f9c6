package dev.atelier.inference.diffusion.scheduler;

/**
 * Latent Consistency Model sampling (Luo et al. 2023): each step maps the latent straight to a denoised estimate
 * (consistency boundary scalings c_skip, c_out), then re-noises it to the next timestep with fresh noise; the last
 * step returns the estimate itself. Timesteps are picked from the distillation schedule of
 * {@code original_inference_steps} (50) steps; img2img strength shortens that schedule, so all requested steps
 * still run. Spacing settings do not apply.
 */
public final class LcmScheduler implements Scheduler {

    private static final float SIGMA_DATA = 0.5f;
    private static final float TIMESTEP_SCALING = 10f;

    private final SchedulerConfig config;
    private final NoiseSchedule schedule;
    private final float finalAlphaCumprod;
    private float[] timesteps;

    public LcmScheduler(SchedulerConfig config) {
        this.config = config;
        this.schedule = NoiseSchedule.of(config);
        this.finalAlphaCumprod = config.setAlphaToOne() ? 1f : schedule.alphaCumprod(0);
    }

    @Override
    public void setTimesteps(int steps, double strength) {
        Latents.checkSteps(steps, schedule.length());
        Strength.check(strength);
        int original = config.originalInferenceSteps();
        int k = schedule.length() / original;
        int originLength = (int) (original * strength);
        if (originLength / steps < 1) {
            throw new IllegalArgumentException("LCM: " + original + " original steps × strength " + strength
                    + " leave " + originLength + " timesteps, fewer than the " + steps
                    + " steps asked for; lower the steps or raise the strength");
        }
        // The origin schedule is (1..originLength)·k − 1, largest first; steps are picked evenly across it.
        float[] ts = new float[steps];
        for (int i = 0; i < steps; i++) {
            int index = (int) Math.floor(i * ((double) originLength / steps));
            ts[i] = (originLength - index) * k - 1;
        }
        this.timesteps = ts;
    }

    @Override
    public float[] timesteps() {
        return timesteps == null ? new float[0] : timesteps.clone();
    }


    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        Latents.checkIndex(timesteps, stepIndex);
        Latents.sameLength(modelOutput, sample);
        int t = (int) timesteps[stepIndex];
        boolean last = stepIndex == timesteps.length - 1;
        float alphaT = schedule.alphaCumprod(t);
        float[] x0 = config.predictionType().originalSample(
                modelOutput, sample, Latents.sqrt(alphaT), Latents.sqrt(1f - alphaT));
        float scaled = t * TIMESTEP_SCALING;
        float denominator = scaled * scaled + SIGMA_DATA * SIGMA_DATA;
        float cSkip = SIGMA_DATA * SIGMA_DATA / denominator;
        float cOut = scaled / Latents.sqrt(denominator);
        float[] denoised = Latents.combine(cOut, x0, cSkip, sample);
        if (last) {
            return new StepResult(denoised, denoised);
        }
        int prevT = (int) timesteps[stepIndex + 1];
        float alphaPrev = prevT >= 0 ? schedule.alphaCumprod(prevT) : finalAlphaCumprod;
        float[] z = Latents.required(noise, "LCM").gaussian(sample.length);
        return new StepResult(
                Latents.combine(Latents.sqrt(alphaPrev), denoised, Latents.sqrt(1f - alphaPrev), z), denoised);
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int stepIndex) {
        Latents.checkIndex(timesteps, stepIndex);
        float alpha = schedule.alphaCumprod((int) timesteps[stepIndex]);
        return Latents.combine(Latents.sqrt(alpha), original, Latents.sqrt(1f - alpha), noise);
    }
}
