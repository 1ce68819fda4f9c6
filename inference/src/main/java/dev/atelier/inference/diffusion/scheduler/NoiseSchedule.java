package dev.atelier.inference.diffusion.scheduler;

/**
 * The training noise schedule: β per timestep, ᾱ (cumulative product of 1 − β) and the k-diffusion
 * σ = sqrt((1 − ᾱ)/ᾱ). All in float32 and multiplied one step at a time, as torch does, because the reference
 * values (and a model's notion of "timestep 999") depend on that rounding. The arrays are copied on the way out.
 */
public record NoiseSchedule(float[] betas, float[] alphasCumprod, float[] sigmas) {

    /** Computes the schedule a config describes. */
    public static NoiseSchedule of(SchedulerConfig config) {
        int n = config.numTrainTimesteps();
        float[] betas = new float[n];
        if (config.betaSchedule().equals("scaled_linear")) {
            // linspace over sqrt(β), rounded to float32, then squared in float32.
            double[] roots = Linspace.of(Math.sqrt(config.betaStart()), Math.sqrt(config.betaEnd()), n);
            for (int i = 0; i < n; i++) {
                float r = (float) roots[i];
                betas[i] = r * r;
            }
        } else {
            double[] b = Linspace.of(config.betaStart(), config.betaEnd(), n);
            for (int i = 0; i < n; i++) {
                betas[i] = (float) b[i];
            }
        }
        float[] cumprod = new float[n];
        float[] sigmas = new float[n];
        float p = 1f;
        for (int i = 0; i < n; i++) {
            p *= 1f - betas[i];
            cumprod[i] = p;
            sigmas[i] = (float) Math.sqrt((1f - p) / p);
        }
        return new NoiseSchedule(betas, cumprod, sigmas);
    }

    public NoiseSchedule {
        betas = betas.clone();
        alphasCumprod = alphasCumprod.clone();
        sigmas = sigmas.clone();
    }

    @Override
    public float[] betas() {
        return betas.clone();
    }

    @Override
    public float[] alphasCumprod() {
        return alphasCumprod.clone();
    }

    @Override
    public float[] sigmas() {
        return sigmas.clone();
    }

    /** The number of training timesteps N. */
    public int length() {
        return alphasCumprod.length;
    }

    /** ᾱ at training timestep {@code t}. */
    public float alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    /** σ at training timestep {@code t}. */
    public float sigma(int t) {
        return sigmas[t];
    }

    /** σ at a fractional timestep, linearly interpolated between neighbours (numpy's {@code interp}). */
    public double sigmaAt(double t) {
        if (t <= 0) {
            return sigmas[0];
        }
        int last = sigmas.length - 1;
        if (t >= last) {
            return sigmas[last];
        }
        int i = (int) Math.floor(t);
        double slope = (double) sigmas[i + 1] - sigmas[i];
        return slope * (t - i) + sigmas[i];
    }

    /**
     * The fractional timestep whose σ is {@code sigma}, interpolating log σ between the two training timesteps
     * around it (clamped to [0, N − 1]).
     */
    public double timestepOf(double sigma) {
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        int n = sigmas.length;
        // low = the last index whose log σ ≤ log sigma (σ grows with t), kept within [0, N − 2].
        int count = 0;
        while (count < n && (float) Math.log(sigmas[count]) <= logSigma) {
            count++;
        }
        int low = Math.min(Math.max(count - 1, 0), n - 2);
        double lowLog = (float) Math.log(sigmas[low]);
        double highLog = (float) Math.log(sigmas[low + 1]);
        double w = Math.min(Math.max((lowLog - logSigma) / (lowLog - highLog), 0), 1);
        return (1 - w) * low + w * (low + 1);
    }
}
