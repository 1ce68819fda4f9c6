package dev.atelier.inference.demo;

/** Seeded, smooth 2D value noise and fractal sums of it, for procedural example images. */
final class ValueNoise {

    private final long seed;

    ValueNoise(long seed) {
        this.seed = seed;
    }

    /** Returns a pseudo-random value in 0..1 for a lattice point (a hash, so no tables and no state). */
    double lattice(int x, int y) {
        long h = seed * 0x9E3779B97F4A7C15L + x * 0xC2B2AE3D27D4EB4FL + y * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Returns smooth noise in 0..1 at (x, y), interpolating lattice values with a smoothstep. */
    double at(double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double sx = fx * fx * (3 - 2 * fx);
        double sy = fy * fy * (3 - 2 * fy);
        double a = lattice(x0, y0);
        double b = lattice(x0 + 1, y0);
        double c = lattice(x0, y0 + 1);
        double d = lattice(x0 + 1, y0 + 1);
        double top = a + (b - a) * sx;
        double bottom = c + (d - c) * sx;
        return top + (bottom - top) * sy;
    }

    /** Returns a sum of {@code octaves} noise layers, each twice the frequency and half the amplitude, in 0..1. */
    double fractal(double x, double y, int octaves) {
        double sum = 0;
        double amp = 1;
        double norm = 0;
        for (int i = 0; i < octaves; i++) {
            sum += amp * at(x, y);
            norm += amp;
            amp *= 0.5;
            x = x * 2 + 17.31;
            y = y * 2 + 5.17;
        }
        return sum / norm;
    }
}
