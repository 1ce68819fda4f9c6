package dev.atelier.core.image;

/** Source-over compositing of straight-alpha RGBA8 pixels, in place. */
public final class Compositing {

    private Compositing() {}

    /**
     * Lays pixel (sx, sy) of {@code src} over the RGBA8 pixel at byte {@code i} of {@code dst} (Porter-Duff
     * source-over, straight alpha, in encoded values as hosts composite layers).
     */
    public static void over(RgbaView src, int sx, int sy, byte[] dst, int i) {
        float sa = src.get(sx, sy, 3) / 255f;
        float da = (dst[i + 3] & 0xff) / 255f;
        float oa = sa + da * (1 - sa);
        for (int c = 0; c < 3; c++) {
            float sc = src.get(sx, sy, c);
            float dc = dst[i + c] & 0xff;
            dst[i + c] = (byte) Math.round(oa == 0 ? 0 : (sc * sa + dc * da * (1 - sa)) / oa);
        }
        dst[i + 3] = (byte) Math.round(oa * 255);
    }
}
