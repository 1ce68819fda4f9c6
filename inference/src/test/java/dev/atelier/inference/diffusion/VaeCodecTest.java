package dev.atelier.inference.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.diffusion.scheduler.LatentNoise;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.djl.DjlEngines;
import dev.atelier.inference.engine.djl.DjlRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The VAE side alone on {@link TinySd}'s linear VAE (8×8 average pooling + {@link TinySd#ENCODE}; its left inverse
 * + nearest ×8), whose round trip is each 8×8 block's mean.
 */
class VaeCodecTest {

    @TempDir
    Path dir;

    private VaeCodec open(TinySd sd) throws Exception {
        SdModelLayout layout = SdModelLayout.describe(sd.write(dir));
        return VaeCodec.open(layout, DjlEngines.start(DjlRuntime.ONNX_RUNTIME, EngineContext.defaultCacheDir()), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"latent_sample", "latent_parameters"})
    void encodeScalesTheMeanAndDecodeReturnsTheBlockMeans(String output) throws Exception {
        TinySd sd = new TinySd();
        sd.vaeOutput = output;
        int w = 24;
        int h = 16;
        float[] v = LatentNoise.of(5, 3 * w * h);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(1f, Math.max(0f, 0.5f + 0.2f * v[i]));
        }
        RgbPlanes image = new RgbPlanes(w, h, v);
        try (VaeCodec vae = open(sd)) {
            assertTrue(vae.canEncode());
            float[] latents = vae.encode(image);
            assertEquals(4 * (h / 8) * (w / 8), latents.length);
            RgbPlanes back = vae.decode(latents, 4, h / 8, w / 8);
            assertEquals(w, back.width());
            assertEquals(h, back.height());
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        float mean = blockMean(image, c, y / 8, x / 8);
                        // Channel c of the latents is scaling_factor × the block mean in −1..1 (ENCODE's row c).
                        assertEquals(0.18215f * (2 * mean - 1), latents[(c * (h / 8) + y / 8) * (w / 8) + x / 8],
                                1e-6f);
                        assertEquals(mean, back.values()[(c * h + y) * w + x], 1e-5f);
                    }
                }
            }
        }
    }

    private static float blockMean(RgbPlanes image, int c, int by, int bx) {
        double s = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                s += image.values()[(c * image.height() + by * 8 + y) * image.width() + bx * 8 + x];
            }
        }
        return (float) (s / 64);
    }

    @Test
    void withoutAnEncoderItOnlyDecodes() throws Exception {
        TinySd sd = new TinySd();
        sd.vaeEncoder = false;
        try (VaeCodec vae = open(sd)) {
            assertFalse(vae.canEncode());
            AtelierException e = assertThrows(AtelierException.class,
                    () -> vae.encode(RgbPlanes.filled(8, 8, 0.5f, 0.5f, 0.5f)));
            assertEquals(ErrorCode.INVALID_PARAMETERS, e.code());
            assertEquals(8, vae.decode(new float[4], 4, 1, 1).width());
        }
    }

    @Test
    void tilesCoverEachSideAndTheTiledDecodeEqualsTheWholeOne() throws Exception {
        try (VaeCodec vae = open(new TinySd())) {
            float[] latents = LatentNoise.of(78, 4 * 9 * 30);
            float[] whole = vae.decode(latents, 4, 9, 30).values();
            vae.tiling(10, 3);
            // One tile down (9 ≤ 10), four across with stride 7, the last pulled back to end at the edge.
            assertArrayEquals(new int[] {0}, vae.tileStarts(9));
            assertArrayEquals(new int[] {0, 7, 14, 20}, vae.tileStarts(30));
            assertArrayEquals(whole, vae.decode(latents, 4, 9, 30).values(), 1e-6f);
            assertThrows(IllegalArgumentException.class, () -> vae.tiling(6, 3));
        }
    }
}
