package dev.atelier.inference.diffusion.scheduler;

/**
 * img2img strength: how much of the schedule is run on the encoded image. Strength 1 runs every step from pure
 * noise; strength s skips the first {@code n − int(n·s)} steps, as diffusers' img2img {@code get_timesteps} does.
 */
public final class Strength {

    private Strength() {}

    /** Atelier's Influence slider (0..100, how much of the original survives) as a strength: 1 − influence/100. */
    public static double fromInfluence(double influence) {
        if (!(influence >= 0 && influence <= 100)) {
            throw new IllegalArgumentException("influence must be within 0..100, got " + influence);
        }
        return 1 - influence / 100;
    }

    /**
     * Returns the index of the first step run for {@code steps} inference steps at {@code strength}:
     * {@code steps − min(int(steps·strength), steps)}. Throws when that leaves no step to run.
     */
    public static int startStep(int steps, double strength) {
        check(strength);
        // int() truncates; doing it in double gives the same results as Python, float pitfalls included.
        int init = Math.min((int) (steps * strength), steps);
        int start = Math.max(steps - init, 0);
        if (start >= steps) {
            throw new IllegalArgumentException("strength " + strength + " with " + steps
                    + " steps leaves no denoising step; raise the strength or the number of steps");
        }
        return start;
    }

    static void check(double strength) {
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must be within 0..1, got " + strength);
        }
    }
}
