package dev.atelier.inference.diffusion.scheduler;

import java.util.Arrays;

/**
 * DPM-Solver++ 2M (Lu et al. 2022): second-order multistep in log-SNR λ = ln(α/σ), data prediction, midpoint
 * update, in variance-preserving space (start noise σ = 1, no input scaling). The first step is first-order
 * (nothing to look back on), and so is the last when {@code final_sigmas_type} is {@code zero} or when
 * {@code lower_order_final} holds for fewer than 15 steps. With {@code use_karras_sigmas} the σ follow Karras
 * spacing and the timesteps are their rounded fractional timesteps; otherwise spacing defaults to
 * {@code linspace} over n + 1 points.
 */
public final class DpmSolverMultistepScheduler implements Scheduler {

    private final SchedulerConfig config;
    private final NoiseSchedule schedule;
    private int steps;
    private int start;
    private float[] sigmas;
    private float[] timesteps;
    // Converted model outputs (x₀ estimates) of the previous and the current step.
    private float[] previousX0;
    private int lowerOrderSteps;
    private int nextIndex;

    public DpmSolverMultistepScheduler(SchedulerConfig config) {
        this.config = config;
        this.schedule = NoiseSchedule.of(config);
    }

    @Override
    public void setTimesteps(int steps, double strength) {
        int n = schedule.length();
        Latents.checkSteps(steps, n);
        int first = Strength.startStep(steps, strength);
        int[] ts;
        double[] s = new double[steps];
        if (config.useKarrasSigmas()) {
            s = KarrasSigmas.of(schedule.sigma(0), schedule.sigma(n - 1), steps);
            ts = new int[steps];
            for (int i = 0; i < steps; i++) {
                ts[i] = (int) Math.rint(schedule.timestepOf(s[i]));
            }
        } else {
            ts = config.spacingOr(TimestepSpacing.LINSPACE).dpmTimesteps(n, steps, config.stepsOffset());
            for (int i = 0; i < steps; i++) {
                s[i] = schedule.sigma(ts[i]);
            }
        }
        sigmas = new float[steps + 1];
        for (int i = 0; i < steps; i++) {
            sigmas[i] = (float) s[i];
        }
        sigmas[steps] = config.finalSigmasType().equals("sigma_min") ? schedule.sigma(0) : 0f;
        timesteps = new float[steps - first];
        for (int i = 0; i < timesteps.length; i++) {
            timesteps[i] = ts[first + i];
        }
        this.steps = steps;
        this.start = first;
        this.previousX0 = null;
        this.lowerOrderSteps = 0;
        this.nextIndex = 0;
    }

    @Override
    public float[] timesteps() {
        return timesteps == null ? new float[0] : timesteps.clone();
    }

    /** σ per step that runs, then the final σ (0 or σ_min). */
    public float[] sigmas() {
        return sigmas == null ? new float[0] : Arrays.copyOfRange(sigmas, start, sigmas.length);
    }


    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        Latents.checkIndex(timesteps, stepIndex);
        Latents.sameLength(modelOutput, sample);
        if (stepIndex != nextIndex) {
            // The second-order update uses the previous step's output: steps must not be skipped or repeated.
            throw new IllegalStateException("DPM++ 2M steps must run in order: expected step " + nextIndex
                    + ", got " + stepIndex);
        }
        int k = start + stepIndex;
        Vp s0 = Vp.of(sigmas[k]);
        Vp t = Vp.of(sigmas[k + 1]);
        float[] x0 = config.predictionType().originalSample(modelOutput, sample, s0.alpha, s0.sigma);
        boolean lastStep = k == steps - 1;
        boolean firstOrderFinal = lastStep
                && ((config.lowerOrderFinal() && steps < 15) || config.finalSigmasType().equals("zero"));
        float h = t.lambda - s0.lambda;
        float ratio = t.sigma / s0.sigma;
        float c = t.alpha * ((float) Math.exp(-h) - 1f);
        float[] prev = new float[sample.length];
        if (lowerOrderSteps < 1 || firstOrderFinal) {
            for (int i = 0; i < prev.length; i++) {
                prev[i] = ratio * sample[i] - c * x0[i];
            }
        } else {
            Vp s1 = Vp.of(sigmas[k - 1]);
            float r0 = (s0.lambda - s1.lambda) / h;
            float inverseR0 = 1f / r0;
            float halfC = 0.5f * c;
            for (int i = 0; i < prev.length; i++) {
                float d1 = inverseR0 * (x0[i] - previousX0[i]);
                prev[i] = ratio * sample[i] - c * x0[i] - halfC * d1;
            }
        }
        previousX0 = x0;
        lowerOrderSteps = Math.min(lowerOrderSteps + 1, 2);
        nextIndex = stepIndex + 1;
        return new StepResult(prev, x0);
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int stepIndex) {
        Latents.checkIndex(timesteps, stepIndex);
        Vp v = Vp.of(sigmas[start + stepIndex]);
        return Latents.combine(v.alpha, original, v.sigma, noise);
    }

    /** A k-diffusion σ in variance-preserving terms: α = 1/sqrt(σ² + 1), σ_t = σ·α, λ = ln α − ln σ_t. */
    private record Vp(float alpha, float sigma, float lambda) {
        static Vp of(float kSigma) {
            float alpha = 1f / Latents.sqrt(kSigma * kSigma + 1f);
            float sigma = kSigma * alpha;
            return new Vp(alpha, sigma, (float) Math.log(alpha) - (float) Math.log(sigma));
        }
    }
}
