package dev.atelier.inference.engine.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussianBlurTest {

    @Test
    void kernelIsNormalisedAndSymmetric() {
        float[] k = GaussianBlur.kernel(1.4);
        assertEquals(11, k.length);
        double sum = 0;
        for (int i = 0; i < k.length; i++) {
            sum += k[i];
            assertEquals(k[i], k[k.length - 1 - i]);
        }
        assertEquals(1.0, sum, 1e-6);
    }

    @Test
    void constantPlaneStaysConstantAndImpulseSpreadsSymmetrically() {
        float[] flat = new float[20 * 10];
        java.util.Arrays.fill(flat, 0.25f);
        float[] blurred = GaussianBlur.blur(flat, 20, 10, 2.0);
        for (float v : blurred) {
            assertEquals(0.25f, v, 1e-6f);
        }
        float[] impulse = new float[21 * 21];
        impulse[10 * 21 + 10] = 1f;
        float[] b = GaussianBlur.blur(impulse, 21, 21, 1.5);
        double sum = 0;
        for (float v : b) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-5);
        assertEquals(b[10 * 21 + 7], b[10 * 21 + 13], 1e-7f);
        assertEquals(b[7 * 21 + 10], b[10 * 21 + 7], 1e-7f);
        assertTrue(b[10 * 21 + 10] > b[10 * 21 + 11]);
        assertArrayEquals(impulse, GaussianBlur.blur(impulse, 21, 21, 0));
    }
}
