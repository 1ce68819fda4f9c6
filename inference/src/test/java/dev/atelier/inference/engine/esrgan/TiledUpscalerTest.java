package dev.atelier.inference.engine.esrgan;

import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.testkit.SeededImages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TiledUpscalerTest {

    /** A local model: 5×5 box blur (zero padded, like a conv), then nearest ×2. Receptive field radius 2. */
    static float[] blurThenDouble(float[] chw, int w, int h) {
        float[] out = new float[3 * 4 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int dy = -2; dy <= 2; dy++) {
                        for (int dx = -2; dx <= 2; dx++) {
                            int yy = y + dy, xx = x + dx;
                            if (yy >= 0 && xx >= 0 && yy < h && xx < w) {
                                s += chw[(c * h + yy) * w + xx];
                            }
                        }
                    }
                    for (int k = 0; k < 4; k++) {
                        out[(c * 2 * h + 2 * y + k / 2) * 2 * w + 2 * x + k % 2] = s / 25;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void tilesWithEnoughMarginEqualTheWholeImage() throws AtelierException {
        Raster src = SeededImages.shapes(5, 203, 157, false);
        Raster whole = TiledUpscaler.upscale(src, 2, 255, TiledUpscalerTest::blurThenDouble,
                new TiledUpscaler.Tiling(1024, 0, 0), null, ProgressSink.none(), 0, 1, CancelToken.none());
        Raster tiled = TiledUpscaler.upscale(src, 2, 255, TiledUpscalerTest::blurThenDouble,
                new TiledUpscaler.Tiling(40, 12, 4), null, ProgressSink.none(), 0, 1, CancelToken.none());
        assertEquals(406, tiled.width());
        assertEquals(314, tiled.height());
        assertArrayEquals(whole.toByteArray(), tiled.toByteArray());
    }

    @Test
    void progressRisesPerTileAndCancelStopsBetweenTiles() {
        Raster src = SeededImages.noise(1, 100, 100);
        List<Double> seen = new ArrayList<>();
        CancelToken cancel = new CancelToken();
        AtelierException e = assertThrows(AtelierException.class, () -> TiledUpscaler.upscale(src, 2, 1f,
                TiledUpscalerTest::blurThenDouble, new TiledUpscaler.Tiling(32, 8, 4), null, (f, m) -> {
                    seen.add(f);
                    if (seen.size() == 3) {
                        cancel.cancel();
                    }
                }, 0, 1, cancel));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals(3, seen.size());
        assertTrue(seen.get(0) < seen.get(1) && seen.get(1) < seen.get(2));
    }

    @Test
    void tileStartsCoverTheAxisWithTheLastFlushToTheEdge() {
        TiledUpscaler.Tiling t = new TiledUpscaler.Tiling(64, 16, 8);
        assertArrayEquals(new int[] {0}, TiledUpscaler.starts(50, t));
        assertArrayEquals(new int[] {0, 48, 96, 136}, TiledUpscaler.starts(200, t));
    }

    @Test
    void an8kFrameUpscalesInABoundedHeap() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                TiledMemoryProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("ok 15360x8640"), output);
    }

    @Test
    void aResultTooLargeForOneImageIsAClearError() {
        Raster src = Raster.wrap(30000, 2, new byte[4 * 30000 * 2]);
        AtelierException e = assertThrows(AtelierException.class, () -> TiledUpscaler.upscale(src, 8, 255f,
                (chw, w, h) -> new float[0], TiledUpscaler.Tiling.DEFAULT, null, ProgressSink.none(), 0, 1,
                CancelToken.none()));
        // 240000 × 16 is fine, so this must pass the size check and fail on the model's output instead
        assertEquals(ErrorCode.ENGINE_FAILURE, e.code());
        assertTrue(e.getMessage().contains("do not match its manifest"), e.getMessage());
        Raster big = Raster.wrap(20000, 1000, new byte[4 * 20000 * 1000]); // ×8: 1.28 G pixels
        e = assertThrows(AtelierException.class, () -> TiledUpscaler.upscale(big, 8, 255f,
                (chw, w, h) -> new float[0], TiledUpscaler.Tiling.DEFAULT, null, ProgressSink.none(), 0, 1,
                CancelToken.none()));
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.code());
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }
}
