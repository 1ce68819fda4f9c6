package dev.atelier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.core.image.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeededImagesTest {

    @Test
    void sameSeedSamePixelsOtherSeedOtherPixels() {
        assertEquals(SeededImages.noise(7, 16, 9), SeededImages.noise(7, 16, 9));
        assertNotEquals(SeededImages.noise(7, 16, 9), SeededImages.noise(8, 16, 9));
        assertEquals(SeededImages.shapes(3, 40, 30, true), SeededImages.shapes(3, 40, 30, true));
        assertNotEquals(SeededImages.shapes(3, 40, 30), SeededImages.shapes(4, 40, 30));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "255, 0", "256, 1", "4095, 4095", "1000, 3000"})
    void coordinatesDecodeBack(int x, int y) {
        int px = SeededImages.coordinates(4096, 4096).rgba(x, y);
        assertEquals(x, SeededImages.xOf(px));
        assertEquals(y, SeededImages.yOf(px));
    }

    @Test
    void coordinatesRefuseSizesTheyCannotEncode() {
        assertThrows(IllegalArgumentException.class, () -> SeededImages.coordinates(4097, 1));
    }

    @Test
    void gradientSpansFullRangeAndIsOpaque() {
        Raster g = SeededImages.gradient(5, 3);
        assertEquals(0x000000ff, g.rgba(0, 0));
        assertEquals(0xffffffff, g.rgba(4, 2));
    }

    @Test
    void transparentShapesLeaveBackgroundTransparent() {
        Raster s = SeededImages.shapes(11, 64, 64, true);
        int transparent = 0;
        int opaque = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int a = s.get(x, y, 3);
                if (a == 0) {
                    assertEquals(0, s.rgba(x, y));
                    transparent++;
                } else {
                    assertEquals(255, a);
                    opaque++;
                }
            }
        }
        assertNotEquals(0, transparent);
        assertNotEquals(0, opaque);
    }
}
