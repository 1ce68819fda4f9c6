package dev.atelier.inference.engine.esrgan;

/** Planar (CHW) ↔ interleaved (HWC) conversions for 3-channel tensors. */
final class Layouts {

    private Layouts() {}

    static float[] chwToHwc(float[] chw, int w, int h) {
        int n = w * h;
        float[] hwc = new float[3 * n];
        for (int i = 0; i < n; i++) {
            hwc[3 * i] = chw[i];
            hwc[3 * i + 1] = chw[n + i];
            hwc[3 * i + 2] = chw[2 * n + i];
        }
        return hwc;
    }

    static float[] hwcToChw(float[] hwc, int w, int h) {
        int n = w * h;
        float[] chw = new float[3 * n];
        for (int i = 0; i < n; i++) {
            chw[i] = hwc[3 * i];
            chw[n + i] = hwc[3 * i + 1];
            chw[2 * n + i] = hwc[3 * i + 2];
        }
        return chw;
    }
}
