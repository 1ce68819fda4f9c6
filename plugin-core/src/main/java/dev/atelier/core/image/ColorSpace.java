package dev.atelier.core.image;

/**
 * sRGB transfer curve (IEC 61966-2-1) between 8-bit encoded values and linear light. Resampling and blending are
 * done in linear light; storage stays 8-bit sRGB. Both directions are table-driven so per-pixel loops never call
 * {@code Math.pow}.
 */
public final class ColorSpace {

    private static final float[] TO_LINEAR = new float[256];

    private static final int BUCKETS = 1 << 16;
    /** The code of linear value {@code i / BUCKETS}; a bucket holds at most one code boundary (slope ≤ 3295 codes). */
    private static final byte[] CODE = new byte[BUCKETS + 1];
    /** LOWER[k]: the smallest linear value that encodes to code k; LOWER[256] = +∞ so k + 1 never overflows. */
    private static final float[] LOWER = new float[257];

    static {
        for (int i = 0; i < 256; i++) {
            TO_LINEAR[i] = (float) decode(i / 255.0);
        }
        LOWER[0] = Float.NEGATIVE_INFINITY;
        for (int k = 1; k < 256; k++) {
            LOWER[k] = (float) decode((k - 0.5) / 255.0);
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

    private ColorSpace() {}

    /** Returns the linear-light value (0..1) of an 8-bit sRGB code. */
    public static float toLinear(int srgb8) {
        return TO_LINEAR[srgb8 & 0xff];
    }

    /**
     * Returns the 8-bit sRGB code of a linear-light value, clamped to 0..1 (NaN gives 0), rounded exactly in
     * encoded space: code k for values whose encoding lies within half a code of k.
     */
    public static int toSrgb8(float linear) {
        if (!(linear > 0f)) {
            return 0;
        }
        if (linear >= 1f) {
            return 255;
        }
        int k = CODE[(int) (linear * BUCKETS)] & 0xff;
        return linear >= LOWER[k + 1] ? k + 1 : k;
    }

    /** Returns the exact sRGB-encoded value (0..1) of a linear value (0..1). */
    public static double encode(double linear) {
        return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
    }

    /** Returns the exact linear value (0..1) of an sRGB-encoded value (0..1). */
    public static double decode(double srgb) {
        return srgb <= 0.04045 ? srgb / 12.92 : Math.pow((srgb + 0.055) / 1.055, 2.4);
    }
}
