package dev.atelier.inference.diffusion.scheduler;

/** Element-wise float32 arithmetic on flat latents, in the operation order torch uses for the same formulas. */
final class Latents {

    private Latents() {}

    /** a·x + b·y. */
    static float[] combine(float a, float[] x, float b, float[] y) {
        sameLength(x, y);
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = a * x[i] + b * y[i];
        }
        return r;
    }

    /** x / d. */
    static float[] divided(float[] x, float d) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] / d;
        }
        return r;
    }

    static void sameLength(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("latent sizes differ: " + x.length + " and " + y.length);
        }
    }

    static float sqrt(float v) {
        return (float) Math.sqrt(v);
    }

    static NoiseSource required(NoiseSource noise, String who) {
        if (noise == null) {
            throw new IllegalArgumentException(who + " needs a noise source");
        }
        return noise;
    }

    static void checkSteps(int steps, int trainSteps) {
        if (steps < 1 || steps > trainSteps) {
            throw new IllegalArgumentException("steps must be within 1.." + trainSteps + ", got " + steps);
        }
    }

    static void checkIndex(float[] timesteps, int stepIndex) {
        if (timesteps == null) {
            throw new IllegalStateException("setTimesteps has not been called");
        }
        if (stepIndex < 0 || stepIndex >= timesteps.length) {
            throw new IllegalArgumentException("step index " + stepIndex + " is outside 0.." + (timesteps.length - 1));
        }
    }
}
