package dev.atelier.inference.diffusion.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatentNoiseTest {

    @Test
    void sameSeedGivesIdenticalFloats() {
        assertArrayEquals(LatentNoise.of(42, 4096), LatentNoise.of(42, 4096));
    }

    @Test
    void differentSeedsDiffer() {
        assertFalse(Arrays.equals(LatentNoise.of(42, 64), LatentNoise.of(43, 64)));
    }

    @Test
    void drawingInPiecesGivesTheSameStream() {
        LatentNoise noise = new LatentNoise(5);
        float[] a = noise.gaussian(3);
        float[] b = noise.gaussian(5);
        float[] joined = new float[8];
        System.arraycopy(a, 0, joined, 0, 3);
        System.arraycopy(b, 0, joined, 3, 5);
        assertArrayEquals(LatentNoise.of(5, 8), joined);
    }

    @Test
    void pinnedValuesDoNotChangeAcrossMachines() {
        // Pinned from this implementation (SplitMix64 + Box–Muller with StrictMath): a change here breaks seeds.
        assertArrayEquals(PINNED_SEED_1234, LatentNoise.of(1234, 4));
    }

    @Test
    void isStandardNormal() {
        float[] z = LatentNoise.of(1, 200_000);
        double mean = 0;
        for (float v : z) {
            mean += v;
        }
        mean /= z.length;
        double var = 0;
        for (float v : z) {
            var += (v - mean) * (v - mean);
        }
        var /= z.length;
        assertEquals(0, mean, 0.01);
        assertEquals(1, var, 0.01);
    }

    private static final float[] PINNED_SEED_1234 = {-0.6610673f, -0.43656182f, -0.61826026f, 1.6779196f};
}
