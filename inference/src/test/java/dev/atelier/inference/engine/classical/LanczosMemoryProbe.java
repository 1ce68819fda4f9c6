package dev.atelier.inference.engine.classical;

import dev.atelier.core.image.Raster;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;

/**
 * Run in a child JVM with a small heap by {@link LanczosUpscalerTest}: upscales 2048² by 8 to 16384² (a 1 GiB
 * result) and exits 0 if that fits, proving no whole-image float buffer (4 GiB) is ever allocated.
 */
public final class LanczosMemoryProbe {

    private LanczosMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        int n = 2048;
        byte[] px = new byte[4 * n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = 4 * (y * n + x);
                px[i] = (byte) x;
                px[i + 1] = (byte) y;
                px[i + 2] = (byte) (x ^ y);
                px[i + 3] = (byte) 255;
            }
        }
        Raster out = LanczosUpscaler.upscale(Raster.wrap(n, n, px), 8, LanczosUpscaler.defaultThreads(),
                ProgressSink.none(), CancelToken.none());
        if (out.width() != 8 * n || out.height() != 8 * n || out.get(8 * n - 1, 8 * n - 1, 3) != 255) {
            System.exit(2);
        }
        System.out.println("ok " + out.width() + "x" + out.height());
    }
}
