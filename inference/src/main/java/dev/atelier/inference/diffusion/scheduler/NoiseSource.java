package dev.atelier.inference.diffusion.scheduler;

/** Standard normal samples for the stochastic schedulers (Euler ancestral, LCM, DDIM with η > 0). */
@FunctionalInterface
public interface NoiseSource {

    /** Returns {@code length} independent N(0, 1) samples. */
    float[] gaussian(int length);
}
