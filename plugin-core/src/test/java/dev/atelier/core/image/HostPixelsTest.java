package dev.atelier.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.testkit.ImageAssert;
import dev.atelier.testkit.SeededImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPixelsTest {

    private static final Raster IMAGE = SeededImages.shapes(5, 13, 7, true);

    @Test
    void kritaBgraByteOrder() {
        Raster orange = Raster.filled(1, 1, 0xff800040); // R 255, G 128, B 0, A 64
        assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255, 64}, HostPixels.toBgra(orange));
        assertEquals(0xff800040, HostPixels.fromBgra(1, 1, new byte[] {0, (byte) 128, (byte) 255, 64}).rgba(0, 0));
    }

    @Test
    void kritaRoundTripAndCopies() {
        byte[] bgra = HostPixels.toBgra(IMAGE.crop(new Bounds(2, 1, 9, 5)));
        Raster back = HostPixels.fromBgra(9, 5, bgra);
        ImageAssert.assertPixelsEqual(IMAGE.crop(new Bounds(2, 1, 9, 5)), back);
        bgra[0] ^= 1;
        ImageAssert.assertPixelsEqual(IMAGE.crop(new Bounds(2, 1, 9, 5)), back); // the host may reuse its buffer
    }

    @Test
    void gimpRgbaRoundTripIsACopy() {
        byte[] rgba = HostPixels.toGimpRgba(IMAGE);
        assertArrayEquals(IMAGE.unsafeBytes(), rgba);
        rgba[0] ^= 1;
        assertEquals(IMAGE.get(0, 0, 0) ^ 1, rgba[0] & 0xff);
        Raster back = HostPixels.fromGimpRgba(13, 7, HostPixels.toGimpRgba(IMAGE));
        assertEquals(IMAGE, back);
        byte[] host = HostPixels.toGimpRgba(IMAGE);
        Raster owned = HostPixels.fromGimpRgba(13, 7, host);
        host[3] ^= 1;
        assertEquals(IMAGE, owned);
    }

    @Test
    void gimpRgbWithoutAlphaIsOpaque() {
        Raster r = HostPixels.fromGimpRgb(2, 1, new byte[] {1, 2, 3, (byte) 250, (byte) 251, (byte) 252});
        assertEquals(0x010203ff, r.rgba(0, 0));
        assertEquals(0xfafbfcff, r.rgba(1, 0));
    }

    @Test
    void blenderRowsAreBottomUp() {
        // 1x2: Blender's first row is the bottom one, so it becomes our y = 1.
        float[] pixels = {1, 0, 0, 1, /* bottom */ 0, 0, 1, 0.2f /* top */};
        Raster r = HostPixels.fromBlenderFloat(1, 2, pixels);
        assertEquals(0x0000ff33, r.rgba(0, 0));
        assertEquals(0xff0000ff, r.rgba(0, 1));
        assertArrayEquals(pixels, HostPixels.toBlenderFloat(r));
    }

    @Test
    void blenderColourIsLinearButAlphaIsNot() {
        Raster r = HostPixels.fromBlenderFloat(1, 1, new float[] {0.5f, 0.5f, 0.5f, 0.5f});
        assertEquals(188, r.get(0, 0, 0), "linear 0.5 is sRGB 188");
        assertEquals(128, r.get(0, 0, 3), "alpha 0.5 is 128, not gamma-encoded");
        float[] back = HostPixels.toBlenderFloat(Raster.filled(1, 1, 0x808080ff));
        assertEquals(ColorSpace.toLinear(128), back[0]);
        assertEquals(1f, back[3]);
    }

    @Test
    void blenderRoundTripIsExact() {
        Raster noise = SeededImages.noise(77, 31, 17);
        byte[] data = noise.toByteArray();
        for (int i = 3; i < data.length; i += 16) {
            data[i] = (byte) (i * 7); // vary alpha too
        }
        Raster image = Raster.wrap(31, 17, data);
        assertEquals(image, HostPixels.fromBlenderFloat(31, 17, HostPixels.toBlenderFloat(image)));
    }

    @Test
    void blenderOutOfRangeAndNanAreClamped() {
        float[] pixels = {Float.NaN, -0.5f, 7f, Float.NaN, Float.POSITIVE_INFINITY, 0, 0, 2f, 0, 0, 0, -1f};
        Raster r = HostPixels.fromBlenderFloat(3, 1, pixels);
        assertEquals(0x0000ff00, r.rgba(0, 0));
        assertEquals(0xff0000ff, r.rgba(1, 0));
        assertEquals(0x00000000, r.rgba(2, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "krita | 3 | 2 | 23 | Krita BGRA buffer for 3x2 needs 24 values, got 23",
        "blender | 3 | 2 | 25 | Blender float RGBA buffer for 3x2 needs 24 values, got 25",
        "gimpRgba | 3 | 2 | 18 | GIMP R'G'B'A u8 buffer for 3x2 needs 24 values, got 18",
        "gimpRgb | 3 | 2 | 24 | GIMP R'G'B' u8 buffer for 3x2 needs 18 values, got 24",
        "gimpRgb | 0 | 2 | 0 | image size must be positive, got 0x2",
    })
    void wrongBufferLengthsAreRefused(String host, int w, int h, int length, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            switch (host) {
                case "krita" -> HostPixels.fromBgra(w, h, new byte[length]);
                case "blender" -> HostPixels.fromBlenderFloat(w, h, new float[length]);
                case "gimpRgba" -> HostPixels.fromGimpRgba(w, h, new byte[length]);
                default -> HostPixels.fromGimpRgb(w, h, new byte[length]);
            }
        });
        assertEquals(message, e.getMessage());
    }
}
