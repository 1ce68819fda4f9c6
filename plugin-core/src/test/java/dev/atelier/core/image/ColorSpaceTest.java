package dev.atelier.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColorSpaceTest {

    @Test
    void everyCodeRoundTripsExactly() {
        for (int i = 0; i < 256; i++) {
            assertEquals(i, ColorSpace.toSrgb8(ColorSpace.toLinear(i)), "code " + i);
        }
    }

    @Test
    void decodingIsStrictlyMonotonic() {
        for (int i = 1; i < 256; i++) {
            assertTrue(ColorSpace.toLinear(i) > ColorSpace.toLinear(i - 1), "code " + i);
        }
        assertEquals(0f, ColorSpace.toLinear(0));
        assertEquals(1f, ColorSpace.toLinear(255));
    }

    @Test
    void encodingIsMonotonicOverFineSteps() {
        int previous = 0;
        for (int i = 0; i <= 100_000; i++) {
            int code = ColorSpace.toSrgb8(i / 100_000f);
            assertTrue(code >= previous, "at linear " + i / 100_000f);
            previous = code;
        }
        assertEquals(255, previous);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 188", "0.2158605, 128", "0.2140, 127", "0.0, 0", "1.0, 255"})
    void knownValues(float linear, int code) {
        assertEquals(code, ColorSpace.toSrgb8(linear));
    }

    @ParameterizedTest
    @CsvSource({"-0.5, 0", "NaN, 0", "1.5, 255", "Infinity, 255", "-Infinity, 0"})
    void outOfRangeIsClamped(float linear, int code) {
        assertEquals(code, ColorSpace.toSrgb8(linear));
    }

    @Test
    void exactCurveMatchesAtBothSegments() {
        for (double v : new double[] {0, 0.001, 0.0031308, 0.01, 0.5, 1}) {
            assertEquals(v, ColorSpace.decode(ColorSpace.encode(v)), 1e-12);
        }
    }
    @Test
    void encodeRoundsExactlyInSrgbSpace() {
        for (int k = 0; k < 256; k++) {
            assertEquals(k, ColorSpace.toSrgb8(ColorSpace.toLinear(k)));
        }
        for (int i = 0; i <= 200_000; i++) {
            float v = i / 200_000f;
            double code = ColorSpace.encode(v) * 255.0;
            if (Math.abs(code - Math.floor(code) - 0.5) < 1e-4) {
                continue; // float thresholds may round either way within a hair of a half code
            }
            assertEquals(Math.round(code), ColorSpace.toSrgb8(v), "at " + v);
        }
    }

}
