package dev.atelier.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.testkit.SeededImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RasterTest {

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 0", "-2, 3"})
    void wrapRefusesNonPositiveSizes(int w, int h) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Raster.wrap(w, h, new byte[0]));
        assertEquals("image size must be positive, got " + w + "x" + h, e.getMessage());
    }

    @Test
    void wrapRefusesWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Raster.wrap(3, 2, new byte[23]));
        assertEquals("RGBA buffer for 3x2 needs 24 bytes, got 23", e.getMessage());
    }

    @Test
    void checkedSizeRefusesTooLarge() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Raster.checkedSize(40_000, 40_000));
        assertEquals("image 40000x40000 is too large for one raster", e.getMessage());
    }

    @Test
    void channelsAndPackedPixel() {
        byte[] data = {1, 2, 3, 4, 10, 20, (byte) 200, (byte) 255};
        Raster r = Raster.wrap(2, 1, data);
        assertEquals(200, r.get(1, 0, 2));
        assertEquals(0x0a14c8ff, r.rgba(1, 0));
        assertEquals(1f, r.getFloat(1, 0, 3));
        assertEquals(0x01020304, Raster.filled(1, 1, 0x01020304).rgba(0, 0));
    }

    @Test
    void equalsComparesPixels() {
        Raster a = SeededImages.noise(5, 7, 3);
        Raster b = Raster.wrap(7, 3, a.toByteArray());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, SeededImages.noise(6, 7, 3));
        assertNotEquals(Raster.filled(2, 3, 0), Raster.filled(3, 2, 0), "same bytes, other shape");
    }

    @Test
    void copyOfViewOwnsItsPixels() {
        Raster src = SeededImages.coordinates(10, 8);
        RgbaView crop = src.crop(new Bounds(2, 3, 4, 5));
        Raster copy = Raster.copyOf(crop);
        assertEquals(4, copy.width());
        assertEquals(5, copy.height());
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(src.rgba(x + 2, y + 3), copy.rgba(x, y));
            }
        }
        assertSame(src, Raster.copyOf(src), "a raster is already an owned value");
        assertSame(src, src.toRaster());
    }

    @Test
    void toByteArrayIsACopyButUnsafeBytesIsNot() {
        byte[] data = new byte[4];
        Raster r = Raster.wrap(1, 1, data);
        assertSame(data, r.unsafeBytes());
        r.toByteArray()[0] = 9;
        assertEquals(0, r.get(0, 0, 0));
        assertArrayEquals(data, r.toByteArray());
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> r.asByteBuffer().put((byte) 1));
    }
}
