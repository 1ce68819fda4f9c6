package dev.atelier.core.image;

/**
 * sRGB transfer curve (IEC 61966-2-1) between 8-bit encoded values and linear light. Resampling and blending are
 * done in linear light; storage stays 8-bit sRGB.
 */
public final class ColorSpace {

    private static final float[] TO_LINEAR = new float[256];
    /** Linear → sRGB through a 4096-entry table of rounded bytes (error under half a code value). */
    private static final int ENCODE_STEPS = 4096;
    private static final byte[] TO_SRGB = new byte[ENCODE_STEPS + 1];

    static {
        for (int i = 0; i < 256; i++) {
            TO_LINEAR[i] = (float) decode(i / 255.0);
        }
        for (int i = 0; i <= ENCODE_STEPS; i++) {
            TO_SRGB[i] = (byte) Math.round(encode((double) i / ENCODE_STEPS) * 255.0);
        }
    }

    private ColorSpace() {}

    /** Returns the linear-light value (0..1) of an 8-bit sRGB code. */
    public static float toLinear(int srgb8) {
        return TO_LINEAR[srgb8 & 0xff];
    }

    /** Returns the 8-bit sRGB code of a linear-light value, clamped to 0..1. */
    public static int toSrgb8(float linear) {
        if (!(linear > 0f)) {
            return 0; // also catches NaN
        }
        if (linear >= 1f) {
            return 255;
        }
        // The table is dense near 0 only in code space, so refine the dark end analytically.
        if (linear < 0.0125f) {
            return (int) Math.round(encode(linear) * 255.0);
        }
        return TO_SRGB[(int) (linear * ENCODE_STEPS + 0.5f)] & 0xff;
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
