package dev.atelier.inference.engine.classical;

import dev.atelier.core.image.ColorSpace;

/**
 * Table-driven sRGB decoding and encoding for per-pixel loops. Decoding uses {@link ColorSpace#toLinear}'s
 * values; encoding rounds exactly in encoded space (code k for values whose {@link ColorSpace#encode} lies within
 * half a code of k) without calling {@code Math.pow}, which would dominate a resampler's run time in dark areas.
 */
final class SrgbCodec {

    /** Linear value (0..1) of each 8-bit sRGB code. */
    static final float[] TO_LINEAR = new float[256];

    private static final int BUCKETS = 1 << 16;
    /** The code of the value {@code i / BUCKETS}; a bucket holds at most one code boundary (slope ≤ 3295 codes). */
    private static final byte[] CODE = new byte[BUCKETS + 1];
    /** LOWER[k] is the smallest linear value that encodes to code k; LOWER[256] is +∞ so k + 1 never overflows. */
    private static final float[] LOWER = new float[257];

    static {
        for (int i = 0; i < 256; i++) {
            TO_LINEAR[i] = ColorSpace.toLinear(i);
        }
        LOWER[0] = Float.NEGATIVE_INFINITY;
        for (int k = 1; k < 256; k++) {
            LOWER[k] = (float) ColorSpace.decode((k - 0.5) / 255.0);
        }
        LOWER[256] = Float.POSITIVE_INFINITY;
        int k = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            float v = (float) i / BUCKETS;
            while (v >= LOWER[k + 1]) {
                k++;
            }
            CODE[i] = (byte) k;
        }
    }

    private SrgbCodec() {}

    /** Returns the 8-bit sRGB code of a linear value, clamped to 0..1 (NaN gives 0). */
    static int encode(float linear) {
        if (!(linear > 0f)) {
            return 0;
        }
        if (linear >= 1f) {
            return 255;
        }
        int k = CODE[(int) (linear * BUCKETS)] & 0xff;
        return linear >= LOWER[k + 1] ? k + 1 : k;
    }
}
