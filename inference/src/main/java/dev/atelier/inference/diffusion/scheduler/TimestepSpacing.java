package dev.atelier.inference.diffusion.scheduler;

import java.util.Locale;

/**
 * How a scheduler spreads its inference steps over the training timesteps ({@code timestep_spacing} in a
 * diffusers scheduler config). Each scheduler has its own default when a config leaves it out.
 */
public enum TimestepSpacing {
    /** {@code round(arange(n) * (N div n))} reversed, plus {@code steps_offset}; never reaches N − 1. */
    LEADING,
    /** {@code round(arange(N, 0, −N/n)) − 1}: always starts at N − 1, as few-step (Turbo) models want. */
    TRAILING,
    /** {@code linspace(0, N − 1, n)} reversed: first N − 1, last 0. */
    LINSPACE;

    /** Parses a config value ({@code leading}, {@code trailing}, {@code linspace}). */
    public static TimestepSpacing parse(String value) {
        for (TimestepSpacing s : values()) {
            if (s.configName().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unsupported timestep_spacing '" + value
                + "' (supported: leading, trailing, linspace)");
    }

    /** The name used in {@code scheduler_config.json}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the n timesteps, largest first, as DDIM, Euler and Euler ancestral compute them. LINSPACE values are
     * left unrounded (Euler keeps them as floats; DDIM rounds them with {@link #rounded}).
     */
    double[] timesteps(int trainSteps, int n, int stepsOffset) {
        return switch (this) {
            case LEADING -> {
                int ratio = trainSteps / n;
                double[] t = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = (double) (n - 1 - i) * ratio + stepsOffset;
                }
                yield t;
            }
            case TRAILING -> trailing(trainSteps, n);
            case LINSPACE -> reversed(Linspace.of(0, trainSteps - 1, n));
        };
    }

    /**
     * Returns the n timesteps DPM-Solver uses: it spaces n + 1 points and drops the last (so linspace never
     * ends on 0, and leading divides by n + 1).
     */
    int[] dpmTimesteps(int trainSteps, int n, int stepsOffset) {
        double[] t = switch (this) {
            case LEADING -> {
                int ratio = trainSteps / (n + 1);
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = (double) (n - i) * ratio + stepsOffset;
                }
                yield d;
            }
            case TRAILING -> trailing(trainSteps, n);
            case LINSPACE -> {
                double[] all = reversed(Linspace.of(0, trainSteps - 1, n + 1));
                double[] d = new double[n];
                System.arraycopy(all, 0, d, 0, n);
                yield d;
            }
        };
        return rounded(t);
    }

    /** Rounds half to even, as numpy's {@code round} does. */
    static int[] rounded(double[] values) {
        int[] r = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            r[i] = (int) Math.rint(values[i]);
        }
        return r;
    }

    private static double[] trailing(int trainSteps, int n) {
        double ratio = (double) trainSteps / n;
        // numpy's arange length: ceil((stop - start) / step).
        int length = (int) Math.ceil(-trainSteps / -ratio);
        double[] t = new double[length];
        for (int i = 0; i < length; i++) {
            t[i] = Math.rint(trainSteps - i * ratio) - 1;
        }
        return t;
    }

    private static double[] reversed(double[] values) {
        double[] r = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            r[i] = values[values.length - 1 - i];
        }
        return r;
    }
}
