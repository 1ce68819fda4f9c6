package dev.atelier.inference.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.diffusion.RgbPlanes;
import dev.atelier.testkit.SeededImages;
import org.junit.jupiter.api.Test;

class PixelsTest {

    @Test
    void generationSizesKeepTheAspectInMultiplesOfEight() {
        assertArrayEquals(new int[] {512, 424}, Pixels.generationSize(48, 40, 512));
        assertArrayEquals(new int[] {512, 512}, Pixels.generationSize(256, 256, 512));
        assertArrayEquals(new int[] {288, 512}, Pixels.generationSize(1080, 1920, 512));
        assertArrayEquals(new int[] {512, 8}, Pixels.generationSize(4096, 16, 512));
    }

    @Test
    void sameSizeRoundTripsExactlyAndKeepsAlphaWhenAsked() {
        Raster image = SeededImages.noise(3, 40, 24);
        RgbPlanes p = Pixels.planes(image, 40, 24);
        Raster back = Pixels.raster(p, 40, 24, image);
        assertArrayEquals(image.toByteArray(), back.toByteArray());
        assertEquals(255, Pixels.raster(p, 40, 24, null).get(3, 3, 3));
    }

    @Test
    void shrinkingAveragesBlocks() {
        byte[] m = new byte[8 * 4];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                m[y * 8 + x] = (byte) 255; // left half selected
            }
        }
        float[] half = Pixels.mask(Mask.wrap(8, 4, m), 2, 1);
        assertArrayEquals(new float[] {1, 0}, half, 1e-6f);
        Raster grey = Raster.filled(16, 16, 0x808080ff);
        RgbPlanes p = Pixels.planes(grey, 8, 8);
        assertEquals(128 / 255f, p.values()[0], 1e-6f);
    }
}
