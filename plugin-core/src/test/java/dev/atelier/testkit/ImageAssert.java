package dev.atelier.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.atelier.core.image.RgbaView;

/** Assertions on images: exact equality with a readable first difference, and closeness measured as PSNR. */
public final class ImageAssert {

    private ImageAssert() {}

    /** Fails unless both images have the same width and height. */
    public static void assertSameSize(RgbaView expected, RgbaView actual) {
        if (expected.width() != actual.width() || expected.height() != actual.height()) {
            fail("image size differs: expected " + expected.width() + "x" + expected.height() + ", got "
                    + actual.width() + "x" + actual.height());
        }
    }

    /** Fails unless every pixel is identical; the message names the first differing pixel and how many differ. */
    public static void assertPixelsEqual(RgbaView expected, RgbaView actual) {
        assertSameSize(expected, actual);
        long differing = 0;
        int firstX = -1;
        int firstY = -1;
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                if (expected.rgba(x, y) != actual.rgba(x, y)) {
                    if (differing++ == 0) {
                        firstX = x;
                        firstY = y;
                    }
                }
            }
        }
        if (differing > 0) {
            fail(differing + " of " + expected.bounds().area() + " pixels differ; first at (" + firstX + ", " + firstY
                    + "): expected " + hex(expected.rgba(firstX, firstY)) + ", got " + hex(actual.rgba(firstX, firstY)));
        }
    }

    /**
     * Returns the peak signal-to-noise ratio of the RGB channels in dB (alpha ignored); positive infinity when the
     * colours are identical.
     */
    public static double psnr(RgbaView a, RgbaView b) {
        assertSameSize(a, b);
        double sum = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                int pa = a.rgba(x, y);
                int pb = b.rgba(x, y);
                for (int shift = 24; shift >= 8; shift -= 8) {
                    int d = ((pa >>> shift) & 0xff) - ((pb >>> shift) & 0xff);
                    sum += d * d;
                }
            }
        }
        if (sum == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double mse = sum / (3.0 * a.width() * a.height());
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Fails unless the PSNR of {@code actual} against {@code expected} is at least {@code minDb}. */
    public static void assertPsnrAtLeast(RgbaView expected, RgbaView actual, double minDb) {
        double db = psnr(expected, actual);
        if (!(db >= minDb)) {
            fail(String.format(java.util.Locale.ROOT, "PSNR %.2f dB is below the required %.2f dB", db, minDb));
        }
    }

    private static String hex(int rgba) {
        return String.format("#%08x", rgba);
    }
}
