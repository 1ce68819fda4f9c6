package dev.atelier.inference.diffusion.scheduler;

/**
 * diffusers' scheduler test fixtures ({@code tests/schedulers/test_schedulers.py}): a deterministic 4×3×8×8
 * sample and noise, and a "model" x·t/(t + 1), so reference sums can be checked without torch.
 */
final class Dummy {

    static final int SIZE = 4 * 3 * 8 * 8;

    private Dummy() {}

    /** sample[b][c][h][w] = (c·256 + h·32 + w·4 + b)/768, flattened; order does not matter element-wise. */
    static float[] sample() {
        float[] s = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            s[i] = (float) i / SIZE;
        }
        return s;
    }

    /** noise = (767 − the same index)/768. */
    static float[] noise() {
        float[] s = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            s[i] = (float) (SIZE - 1 - i) / SIZE;
        }
        return s;
    }

    static float[] model(float[] sample, float t) {
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sample[i] * t / (t + 1f);
        }
        return out;
    }

    static double sumAbs(float[] x) {
        double s = 0;
        for (float v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    static double meanAbs(float[] x) {
        return sumAbs(x) / x.length;
    }

    static float[] times(float[] x, float k) {
        float[] r = new float[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] * k;
        }
        return r;
    }

    /** A plain pipeline loop: scaled input to the model, unscaled latent to the step. */
    static float[] run(Scheduler scheduler, float[] latent) {
        float[] ts = scheduler.timesteps();
        for (int i = 0; i < ts.length; i++) {
            float[] out = model(scheduler.scaleModelInput(latent, i), ts[i]);
            latent = scheduler.step(out, i, latent, null).sample();
        }
        return latent;
    }

    static float[] floats(int... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = values[i];
        }
        return f;
    }

    /** SD 1.5's scheduler config. */
    static SchedulerConfig sd() {
        return SchedulerConfig.sd15();
    }

    /** diffusers' test config: linear β 1e-4..0.02 over {@code trainSteps}, no offset, set_alpha_to_one. */
    static SchedulerConfig linear(int trainSteps) {
        return SchedulerConfig.sd15().withBetas(trainSteps, 0.0001, 0.02, "linear").withDdim(0, true, false);
    }
}
