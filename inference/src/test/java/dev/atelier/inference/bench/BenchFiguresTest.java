package dev.atelier.inference.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.core.image.Raster;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, BenchFigures.median(3, 1, 2));
        assertEquals(2.5, BenchFigures.median(4, 1, 3, 2));
        assertThrows(IllegalArgumentException.class, BenchFigures::median);
    }

    @Test
    void speedReadsTheSameBothWays() {
        assertEquals("4.00x faster", BenchFigures.speed(0.25, 1.0));
        assertEquals("1.50x slower", BenchFigures.speed(1.5, 1.0));
        assertEquals("1.00x faster", BenchFigures.speed(2, 2));
        assertEquals("n/a", BenchFigures.speed(0, 1));
        assertEquals("n/a", BenchFigures.speed(1, Double.NaN));
    }

    @Test
    void psnrRoundsTheModelOutputTo8Bits() {
        Raster img = Raster.filled(2, 1, 0x0A141EFF); // RGB 10, 20, 30
        float[] same = {10.2f, 19.6f, 30.4f, 9.5f, 20f, 30f}; // rounds to the same codes (9.5 → 10)
        assertEquals(Double.POSITIVE_INFINITY, BenchFigures.psnr(img, same, 255f));
        float[] unit = {10 / 255f, 20 / 255f, 30 / 255f, 10 / 255f, 20 / 255f, 31 / 255f}; // 0..1 range, one off
        assertEquals(10 * Math.log10(255.0 * 255.0 * 6), BenchFigures.psnr(img, unit, 1f), 1e-9);
        float[] clamped = {-5f, 20f, 30f, 10f, 20f, 300f}; // clamped to 0 and 255
        double mse = (10.0 * 10 + 225.0 * 225) / 6;
        assertEquals(10 * Math.log10(255.0 * 255.0 / mse), BenchFigures.psnr(img, clamped, 255f), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> BenchFigures.psnr(img, new float[5], 255f));
    }
}
