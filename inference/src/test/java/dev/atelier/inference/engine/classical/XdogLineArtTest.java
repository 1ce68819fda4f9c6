package dev.atelier.inference.engine.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.engine.CancelToken;
import org.junit.jupiter.api.Test;

class XdogLineArtTest {

    @Test
    void flatImagesAreAllWhite() throws Exception {
        for (int rgba : new int[] {0xFFFFFFFF, 0x808080FF, 0x000000FF, 0x3366CC80, 0x00000000}) {
            Raster out = XdogLineArt.extract(Raster.filled(40, 30, rgba), 1, CancelToken.none());
            assertEquals(Raster.filled(40, 30, 0xFFFFFFFF), out, Integer.toHexString(rgba));
        }
    }

    @Test
    void darkLineOnWhiteIsInkedAndSurroundingsStayWhite() throws Exception {
        Raster img = line(2);
        Raster out = XdogLineArt.extract(img, 1, CancelToken.none());
        for (int y = 5; y < 59; y++) {
            assertTrue(out.get(32, y, 0) < 64, "line pixel " + y + " = " + out.get(32, y, 0));
            assertTrue(out.get(33, y, 0) < 64, "line pixel " + y);
            assertEquals(255, out.get(10, y, 0), "far left");
            assertEquals(255, out.get(55, y, 0), "far right");
            assertEquals(out.get(10, y, 1), out.get(10, y, 0), "grey");
            assertEquals(255, out.get(32, y, 3), "opaque");
        }
    }

    @Test
    void heavierLineWeightGivesThickerLines() throws Exception {
        Raster img = line(2);
        // Ink across a row (sum of 255 - grey): a hairline weight cannot draw thinner than the stroke itself, so
        // 0.3 and 1 may tie; from there on every step must widen the line.
        double[] weights = {0.3, 1, 2.5, 5};
        int[] ink = new int[weights.length];
        for (int i = 0; i < weights.length; i++) {
            Raster out = XdogLineArt.extract(img, weights[i], CancelToken.none());
            for (int x = 0; x < 64; x++) {
                ink[i] += 255 - out.get(x, 32, 0);
            }
        }
        assertTrue(ink[1] >= ink[0], java.util.Arrays.toString(ink));
        assertTrue(ink[2] > ink[1] && ink[3] > ink[2], java.util.Arrays.toString(ink));
        assertTrue(ink[3] > 2 * ink[1], java.util.Arrays.toString(ink));
    }

    @Test
    void rejectsBadParametersAndHonoursCancel() {
        Raster img = line(2);
        assertEquals(ErrorCode.INVALID_PARAMETERS, assertThrows(AtelierException.class,
                () -> XdogLineArt.extract(img, new XdogLineArt.Params(0, 1.6, 0.98, 0, 40), CancelToken.none()))
                .code());
        CancelToken t = new CancelToken();
        t.cancel();
        assertEquals(ErrorCode.CANCELLED, assertThrows(AtelierException.class,
                () -> XdogLineArt.extract(img, 1, t)).code());
    }

    /** A 64x64 white image with a vertical black line {@code width} pixels wide from x = 32. */
    private static Raster line(int width) {
        return TestImages.rect(64, 64, 32, 0, 32 + width, 64, 0x000000FF, 0xFFFFFFFF);
    }
}
