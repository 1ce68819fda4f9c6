package dev.atelier.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskTest {

    /** Returns a 6x4 mask whose coverage is 10 * y + x, so every read shows which pixel it came from. */
    private static Mask coordinates() {
        byte[] data = new byte[24];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                data[6 * y + x] = (byte) (10 * y + x);
            }
        }
        return Mask.wrap(6, 4, data);
    }

    @Test
    void wrapValidatesLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mask.wrap(3, 2, new byte[5]));
        assertEquals("mask buffer for 3x2 needs 6 bytes, got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Mask.wrap(0, 2, new byte[0]));
        assertEquals("mask size must be positive, got 0x2", e.getMessage());
    }

    @Test
    void filledAndValues() {
        Mask m = Mask.filled(3, 2, 255);
        assertEquals(255, m.get(2, 1));
        assertEquals(1f, m.getFloat(2, 1));
        assertEquals(0.2f, Mask.filled(1, 1, 51).getFloat(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mask.filled(1, 1, 256));
        assertEquals("coverage must be 0..255, got 256", e.getMessage());
    }

    @Test
    void equalsComparesCoverage() {
        assertEquals(coordinates(), coordinates());
        assertEquals(coordinates().hashCode(), coordinates().hashCode());
        assertNotEquals(Mask.filled(2, 3, 0), Mask.filled(3, 2, 0));
        assertNotEquals(Mask.filled(2, 3, 0), Mask.filled(2, 3, 1));
    }

    @Test
    void cropIsAViewAndNestedCropsAddOffsets() {
        byte[] data = new byte[24];
        Mask mask = Mask.wrap(6, 4, data);
        MaskView crop = mask.crop(new Bounds(1, 1, 4, 3)).crop(new Bounds(2, 1, 2, 2));
        assertEquals(2, crop.width());
        assertEquals(2, crop.height());
        data[6 * 2 + 3] = 99; // mask (3, 2) is crop (0, 0)
        assertEquals(99, crop.get(0, 0), "a crop is a view, not a copy");
        assertSame(mask, mask.crop(mask.bounds()));
        assertEquals(33, coordinates().crop(new Bounds(2, 1, 4, 3)).toMask().get(1, 2)); // (3, 3)
        byte[] row = new byte[3];
        coordinates().crop(new Bounds(2, 1, 4, 3)).readRow(1, 1, 3, row, 0);
        assertEquals(23, row[0]);
        assertEquals(25, row[2]);
    }

    @ParameterizedTest
    @CsvSource({"-1,0,2,2", "0,0,7,4", "5,3,2,1", "1,1,0,2"})
    void cropOutsideIsRefused(int x, int y, int w, int h) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> coordinates().crop(new Bounds(x, y, w, h)));
        assertEquals("crop " + new Bounds(x, y, w, h) + " is not a non-empty region inside 6x4@0,0", e.getMessage());
    }

    @ParameterizedTest(name = "pixels {0} -> {1}")
    @CsvSource({
        "'',              0,0,0,0",
        "'2:1',           2,1,1,1",
        "'0:0 5:3',       0,0,6,4",
        "'1:2 4:0 3:3',   1,0,4,4",
        "'5:1 5:2',       5,1,1,2",
    })
    void nonZeroBounds(String pixels, int x, int y, int w, int h) {
        byte[] data = new byte[24];
        for (String p : pixels.split(" ")) {
            if (!p.isEmpty()) {
                String[] xy = p.split(":");
                data[6 * Integer.parseInt(xy[1]) + Integer.parseInt(xy[0])] = 1;
            }
        }
        Mask mask = Mask.wrap(6, 4, data);
        Bounds b = mask.nonZeroBounds();
        assertEquals(w == 0, b.isEmpty());
        assertEquals(w == 0, mask.isEmpty());
        if (w > 0) {
            assertEquals(new Bounds(x, y, w, h), b);
        }
    }

    @Test
    void nonZeroBoundsOfACropIsInCropCoordinates() {
        byte[] data = new byte[24];
        data[6 * 2 + 4] = (byte) 200;
        MaskView crop = Mask.wrap(6, 4, data).crop(new Bounds(2, 1, 4, 3));
        assertEquals(new Bounds(2, 1, 1, 1), crop.nonZeroBounds());
        assertFalse(crop.isEmpty());
        assertTrue(Mask.wrap(6, 4, data).crop(new Bounds(0, 0, 4, 2)).isEmpty());
    }

    @Test
    void fromAlphaAndLuminance() {
        Raster image = Raster.wrap(3, 1, new byte[] {
            (byte) 128, (byte) 128, (byte) 128, (byte) 255, // grey 128, opaque
            (byte) 255, 0, 0, 64, // red, quarter alpha
            0, 0, (byte) 255, 0, // blue, transparent
        });
        Mask alpha = Mask.fromAlpha(image);
        assertEquals(255, alpha.get(0, 0));
        assertEquals(64, alpha.get(1, 0));
        assertEquals(0, alpha.get(2, 0));
        Mask luminance = Mask.fromLuminance(image);
        assertEquals(128, luminance.get(0, 0), "grey keeps its value");
        assertEquals(54, luminance.get(1, 0)); // 0.2126 * 255
        assertEquals(18, luminance.get(2, 0)); // 0.0722 * 255
    }

    @Test
    void fromImagePicksAlphaOnlyWhenSomethingIsTransparent() {
        Raster greyscale = Raster.wrap(2, 1, new byte[] {0, 0, 0, (byte) 255, (byte) 200, (byte) 200, (byte) 200,
                (byte) 255});
        assertEquals(Mask.fromLuminance(greyscale), Mask.fromImage(greyscale));
        assertEquals(200, Mask.fromImage(greyscale).get(1, 0));

        Raster layer = Raster.wrap(2, 1, new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 255}); // black paint on clear
        assertEquals(Mask.fromAlpha(layer), Mask.fromImage(layer));
        assertEquals(255, Mask.fromImage(layer).get(1, 0));
    }

    @Test
    void fromViewReadsTheViewNotItsSource() {
        Raster image = Raster.filled(4, 4, 0xffffff00);
        Mask padded = Mask.fromAlpha(image.crop(new Bounds(1, 1, 2, 2)).pad(1, 0, 0, 0, Edge.TRANSPARENT));
        assertEquals(3, padded.width());
        assertTrue(padded.isEmpty());
    }
}
