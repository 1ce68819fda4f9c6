package dev.atelier.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.core.image.Raster;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ImageAssertTest {

    @Test
    void equalImagesPassAndHaveInfinitePsnr() {
        Raster a = SeededImages.noise(1, 8, 8);
        Raster b = Raster.wrap(8, 8, a.toByteArray());
        assertDoesNotThrow(() -> ImageAssert.assertPixelsEqual(a, b));
        assertEquals(Double.POSITIVE_INFINITY, ImageAssert.psnr(a, b));
    }

    @Test
    void reportsFirstDifferenceAndCount() {
        Raster a = Raster.filled(4, 3, 0x10203040);
        byte[] bytes = a.toByteArray();
        bytes[4 * (1 * 4 + 2)] = 0x11; // (2, 1)
        bytes[4 * (2 * 4 + 3) + 3] = 0; // (3, 2)
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ImageAssert.assertPixelsEqual(a, Raster.wrap(4, 3, bytes)));
        assertEquals("2 of 12 pixels differ; first at (2, 1): expected #10203040, got #11203040", e.getMessage());
    }

    @Test
    void reportsSizeMismatch() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ImageAssert.assertPixelsEqual(Raster.filled(4, 3, 0), Raster.filled(3, 4, 0)));
        assertEquals("image size differs: expected 4x3, got 3x4", e.getMessage());
    }

    @Test
    void psnrOfKnownErrorIgnoresAlpha() {
        Raster a = Raster.filled(2, 2, 0x808080ff);
        Raster b = Raster.filled(2, 2, 0x81818100); // every colour channel off by one: MSE 1
        assertEquals(20 * Math.log10(255), ImageAssert.psnr(a, b), 1e-9);
        assertDoesNotThrow(() -> ImageAssert.assertPsnrAtLeast(a, b, 48));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ImageAssert.assertPsnrAtLeast(a, b, 50));
        assertEquals("PSNR 48.13 dB is below the required 50.00 dB", e.getMessage());
    }
}
