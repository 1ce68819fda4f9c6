package dev.atelier.core.image;

import static dev.atelier.testkit.SeededImages.xOf;
import static dev.atelier.testkit.SeededImages.yOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.testkit.ImageAssert;
import dev.atelier.testkit.SeededImages;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ViewsTest {

    private static final Raster IMAGE = SeededImages.coordinates(7, 5);

    @ParameterizedTest
    @CsvSource({"0,0,7,5", "0,0,1,1", "6,4,1,1", "2,1,3,4", "1,0,6,5"})
    void cropReadsItsOwnRegion(int x, int y, int w, int h) {
        RgbaView crop = IMAGE.crop(new Bounds(x, y, w, h));
        assertEquals(w, crop.width());
        assertEquals(h, crop.height());
        for (int cy = 0; cy < h; cy++) {
            for (int cx = 0; cx < w; cx++) {
                int px = crop.rgba(cx, cy);
                assertEquals(x + cx, xOf(px));
                assertEquals(y + cy, yOf(px));
                assertEquals(IMAGE.get(x + cx, y + cy, 0), crop.get(cx, cy, 0));
            }
        }
        assertReadRowMatchesGet(crop);
    }

    @ParameterizedTest
    @CsvSource({"-1,0,2,2", "0,0,8,5", "6,4,2,1", "3,3,0,1", "0,0,0,0"})
    void cropOutsideOrEmptyIsRefused(int x, int y, int w, int h) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IMAGE.crop(new Bounds(x, y, w, h)));
        assertEquals("crop " + new Bounds(x, y, w, h) + " is not a non-empty region inside 7x5@0,0", e.getMessage());
    }

    @Test
    void nestedCropAddsOffsets() {
        RgbaView outer = IMAGE.crop(new Bounds(1, 1, 6, 4));
        RgbaView inner = outer.crop(new Bounds(2, 1, 3, 2));
        assertEquals(3, xOf(inner.rgba(0, 0)));
        assertEquals(2, yOf(inner.rgba(0, 0)));
        assertEquals(5, xOf(inner.rgba(2, 1)));
        assertEquals(3, yOf(inner.rgba(2, 1)));
        // Nested crops stay relative to their parent, not the original.
        assertThrows(IllegalArgumentException.class, () -> outer.crop(new Bounds(1, 0, 6, 4)));
        assertReadRowMatchesGet(inner);
    }

    @Test
    void cropOfWholeImageIsTheImage() {
        assertSame(IMAGE, IMAGE.crop(IMAGE.bounds()));
        assertSame(IMAGE, IMAGE.pad(0, 0, 0, 0, Edge.MIRROR));
    }

    @Test
    void cropSharesPixelsWithTheRaster() {
        byte[] data = Raster.filled(4, 4, 0x000000ff).toByteArray();
        Raster raster = Raster.wrap(4, 4, data);
        RgbaView crop = raster.crop(new Bounds(1, 1, 2, 2)).crop(new Bounds(1, 0, 1, 2));
        RgbaView padded = crop.pad(1, 1, 1, 1, Edge.CLAMP);
        assertEquals(0, crop.get(0, 0, 0));
        data[4 * (1 * 4 + 2)] = 77; // pixel (2, 1) of the raster, (0, 0) of the nested crop
        assertEquals(77, crop.get(0, 0, 0), "a crop is a view, not a copy");
        assertEquals(77, padded.get(0, 0, 0), "so is a pad of it");
    }

    static Stream<Arguments> padCases() {
        // edge, padded (x, y), expected source (x, y) or null for transparent; source is 7x5, margins 3,2,4,6
        return Stream.of(
                Arguments.of(Edge.TRANSPARENT, 0, 0, null),
                Arguments.of(Edge.TRANSPARENT, 3, 2, new int[] {0, 0}),
                Arguments.of(Edge.TRANSPARENT, 9, 6, new int[] {6, 4}),
                Arguments.of(Edge.TRANSPARENT, 10, 6, null),
                Arguments.of(Edge.CLAMP, 0, 0, new int[] {0, 0}),
                Arguments.of(Edge.CLAMP, 13, 12, new int[] {6, 4}),
                Arguments.of(Edge.CLAMP, 5, 0, new int[] {2, 0}),
                Arguments.of(Edge.CLAMP, 0, 8, new int[] {0, 4}),
                Arguments.of(Edge.MIRROR, 2, 2, new int[] {1, 0}),
                Arguments.of(Edge.MIRROR, 0, 0, new int[] {3, 2}),
                Arguments.of(Edge.MIRROR, 10, 6, new int[] {5, 4}),
                Arguments.of(Edge.MIRROR, 13, 7, new int[] {2, 3}),
                Arguments.of(Edge.MIRROR, 13, 12, new int[] {2, 2}));
    }

    @ParameterizedTest(name = "{0} at ({1}, {2})")
    @MethodSource("padCases")
    void padMapsMarginsToTheRightSourcePixel(Edge edge, int x, int y, int[] source) {
        RgbaView padded = IMAGE.pad(3, 2, 4, 6, edge);
        assertEquals(14, padded.width());
        assertEquals(13, padded.height());
        int expected = source == null ? 0 : IMAGE.rgba(source[0], source[1]);
        assertEquals(expected, padded.rgba(x, y));
        for (int c = 0; c < 4; c++) {
            assertEquals((expected >>> (24 - 8 * c)) & 0xff, padded.get(x, y, c));
        }
    }

    @ParameterizedTest
    @CsvSource({"TRANSPARENT", "CLAMP", "MIRROR"})
    void padReadRowMatchesGetOnEverySpan(Edge edge) {
        assertReadRowMatchesGet(IMAGE.pad(3, 2, 4, 6, edge));
        assertReadRowMatchesGet(IMAGE.pad(20, 11, 15, 9, edge)); // margins wider than the image
        RgbaView padOfCrop = IMAGE.crop(new Bounds(2, 1, 3, 3)).pad(2, 2, 2, 2, edge);
        assertReadRowMatchesGet(padOfCrop);
        assertReadRowMatchesGet(padOfCrop.crop(new Bounds(1, 1, 5, 4))); // crop of pad of crop
    }

    @Test
    void onePixelImageMirrorsAsClamp() {
        Raster one = Raster.filled(1, 1, 0x11223344);
        ImageAssert.assertPixelsEqual(Raster.filled(5, 3, 0x11223344), one.pad(2, 1, 2, 1, Edge.MIRROR));
    }

    @Test
    void negativePaddingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IMAGE.pad(1, -1, 0, 0, Edge.CLAMP));
        assertEquals("padding must not be negative, got left 1, top -1, right 0, bottom 0", e.getMessage());
    }

    @Test
    void paddedViewCopiesToTheSamePixels() {
        RgbaView padded = IMAGE.pad(2, 2, 2, 2, Edge.MIRROR);
        Raster copy = padded.toRaster();
        ImageAssert.assertPixelsEqual(padded, copy);
        ImageAssert.assertPixelsEqual(IMAGE, copy.crop(new Bounds(2, 2, 7, 5)));
    }

    /** Checks readRow against get for every start and length in every row, so each margin/inner split is hit. */
    private static void assertReadRowMatchesGet(RgbaView view) {
        int w = view.width();
        byte[] row = new byte[4 * w + 8];
        for (int y = 0; y < view.height(); y++) {
            for (int x = 0; x < w; x++) {
                for (int count = 0; x + count <= w; count++) {
                    row[4 + 4 * count] = 55; // sentinel just past the span must survive
                    view.readRow(y, x, count, row, 4);
                    for (int i = 0; i < count; i++) {
                        for (int c = 0; c < 4; c++) {
                            assertEquals(view.get(x + i, y, c), row[4 + 4 * i + c] & 0xff,
                                    "row " + y + " from " + x + " count " + count + " pixel " + i + " channel " + c);
                        }
                    }
                    assertEquals(55, row[4 + 4 * count], "readRow wrote past its span");
                }
            }
        }
    }
}
