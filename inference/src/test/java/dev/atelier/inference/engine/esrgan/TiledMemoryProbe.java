package dev.atelier.inference.engine.esrgan;

import dev.atelier.core.image.Raster;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;

/**
 * Run in a child JVM with a 1 GiB heap by {@link TiledUpscalerTest}: upscales an 8K frame (7680×4320) by 2 with a
 * nearest-neighbour tile model and exits 0 if that fits. Input and result alone take 0.66 GiB; whole-image float
 * tensors would take 2 GiB more, so passing proves only tile-sized buffers are added.
 */
public final class TiledMemoryProbe {

    private TiledMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        int w = 7680;
        int h = 4320;
        byte[] px = new byte[4 * w * h];
        for (int i = 0; i < w * h; i++) {
            px[4 * i] = (byte) i;
            px[4 * i + 1] = (byte) (i >> 8);
            px[4 * i + 2] = (byte) (i >> 16);
            px[4 * i + 3] = (byte) 255;
        }
        int[] tiles = {0};
        Raster out = TiledUpscaler.upscale(Raster.wrap(w, h, px), 2, 255f, TiledMemoryProbe::nearest2x,
                TiledUpscaler.Tiling.DEFAULT, null, (f, msg) -> tiles[0]++, 0, 1, CancelToken.none());
        if (out.width() != 2 * w || out.height() != 2 * h || out.get(2 * w - 1, 2 * h - 1, 0) != (px[4 * (w * h - 1)]
                & 255)) {
            System.exit(2);
        }
        System.out.println("ok " + out.width() + "x" + out.height() + " in " + tiles[0] + " tiles");
    }

    private static float[] nearest2x(float[] chw, int w, int h) {
        float[] out = new float[3 * 4 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2 * h; y++) {
                for (int x = 0; x < 2 * w; x++) {
                    out[(c * 2 * h + y) * 2 * w + x] = chw[(c * h + y / 2) * w + x / 2];
                }
            }
        }
        return out;
    }
}
