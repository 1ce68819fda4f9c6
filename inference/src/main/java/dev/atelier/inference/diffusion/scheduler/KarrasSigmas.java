package dev.atelier.inference.diffusion.scheduler;

/**
 * Karras et al. (2022) σ spacing: n values from σmax to σmin, evenly spaced in σ^(1/ρ) with ρ = 7, which puts
 * more steps at low noise than the training schedule does.
 */
final class KarrasSigmas {

    static final double RHO = 7.0;

    private KarrasSigmas() {}

    static double[] of(double sigmaMin, double sigmaMax, int n) {
        double[] ramp = Linspace.of(0, 1, n);
        double maxInv = Math.pow(sigmaMax, 1 / RHO);
        double minInv = Math.pow(sigmaMin, 1 / RHO);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.pow(maxInv + ramp[i] * (minInv - maxInv), RHO);
        }
        return s;
    }
}
