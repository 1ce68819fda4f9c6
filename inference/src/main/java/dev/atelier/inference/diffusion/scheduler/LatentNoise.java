package dev.atelier.inference.diffusion.scheduler;

/**
 * Seeded Gaussian noise for latents: SplitMix64 for uniform bits, Box–Muller for the normal pairs, and
 * {@link StrictMath} so the same seed gives the same floats on every JVM and CPU. It does not reproduce torch's
 * generator: a seed here does not give the image the same seed gives in diffusers. Not thread-safe.
 */
public final class LatentNoise implements NoiseSource {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;
    private double spare;
    private boolean hasSpare;

    public LatentNoise(long seed) {
        this.state = seed;
    }

    /** {@code length} samples from a fresh generator seeded with {@code seed}. */
    public static float[] of(long seed, int length) {
        return new LatentNoise(seed).gaussian(length);
    }

    @Override
    public float[] gaussian(int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) nextGaussian();
        }
        return out;
    }

    /** The next N(0, 1) sample in double. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        // u1 in (0, 1] keeps log finite; u2 in [0, 1).
        double u1 = ((nextLong() >>> 11) + 1) * 0x1.0p-53;
        double u2 = (nextLong() >>> 11) * 0x1.0p-53;
        double r = StrictMath.sqrt(-2 * StrictMath.log(u1));
        double angle = 2 * StrictMath.PI * u2;
        spare = r * StrictMath.sin(angle);
        hasSpare = true;
        return r * StrictMath.cos(angle);
    }

    private long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
