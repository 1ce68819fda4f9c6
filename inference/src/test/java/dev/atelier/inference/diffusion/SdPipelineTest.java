package dev.atelier.inference.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.diffusion.scheduler.LatentNoise;
import dev.atelier.inference.diffusion.scheduler.Scheduler;
import dev.atelier.inference.diffusion.scheduler.SchedulerConfig;
import dev.atelier.inference.diffusion.scheduler.Schedulers;
import dev.atelier.inference.engine.EngineContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline on tiny models whose outputs are known in closed form (see {@link TinySd}): ONNX files on ONNX Runtime
 * and, for the tests taking {@code savedModel}, the same parts as SavedModels on TensorFlow.
 */
class SdPipelineTest {

    @TempDir
    Path dir;

    private SdPipeline open(TinySd sd) throws Exception {
        SdModelLayout layout = SdModelLayout.describe(sd.write(dir));
        assertEquals(sd.savedModel ? SdModelLayout.Format.SAVED_MODEL : SdModelLayout.Format.ONNX, layout.format());
        return SdPipeline.open(layout, EngineContext.defaultCacheDir(), 1);
    }

    /** diffusers' dummy sample, 4×3×8×8 = 768 values, here as latents [4, 12, 16]. */
    private static float[] dummySample() {
        float[] s = new float[768];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) i / 768;
        }
        return s;
    }

    private static double sumAbs(float[] x) {
        double s = 0;
        for (float v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    @ParameterizedTest
    @CsvSource({"7, 1, false", "1, 0, false", "6, 1, false", "11, 1, false", "7, 1, true", "1, 0, true",
        "6, 1, true", "11, 1, true", "7, 0, true", "6, 0, true"})
    void theDenoiseLoopReproducesTheReferenceLoopsForEveryTimestepType(int type, int rank, boolean savedModel)
            throws Exception {
        try (SdPipeline p = open(new TinySd().timestep(type, rank).savedModel(savedModel))) {
            SdPipeline.Conditioning cond = p.encodePrompts("low", "", 1);
            Scheduler ddim = Schedulers.create("ddim", SchedulerConfig.sd15());
            ddim.setTimesteps(10);
            float[] r = p.denoise(new SdPipeline.Denoise(ddim, dummySample(), 4, 12, 16, cond, null),
                    new LatentNoise(0), SdPipeline.Progress.none(), () -> false);
            assertEquals(183.2582, sumAbs(r), 1e-2);
            assertEquals(0.238617, sumAbs(r) / r.length, 1e-5);

            Scheduler euler = Schedulers.create("euler", SchedulerConfig.sd15());
            euler.setTimesteps(10);
            float[] start = dummySample();
            for (int i = 0; i < start.length; i++) {
                start[i] *= euler.initNoiseSigma();
            }
            float[] e = p.denoise(new SdPipeline.Denoise(euler, start, 4, 12, 16, cond, null),
                    new LatentNoise(0), SdPipeline.Progress.none(), () -> false);
            if (type == SdModelLayout.FLOAT || type == SdModelLayout.DOUBLE) {
                assertEquals(178.7762, sumAbs(e), 1e-2);
            } else {
                // Integer timesteps truncate Euler's fractional ones (as the diffusers ONNX pipeline does): close.
                assertEquals(178.7762, sumAbs(e), 1.0);
            }
        }
    }

    @Test
    void guidanceCombinesUncondAndTextPredictions() throws Exception {
        float k = 3;
        double g = 7.5;
        try (SdPipeline p = open(new TinySd().k(k))) {
            SdRequest r = SdRequest.txt2img("lowest newer", "wider", 128, 96, 6, g, "ddim", 42);
            SdPipeline.Result got = p.generate(r, SdPipeline.Progress.none(), () -> false);

            float mc = mean(p.encodeText("lowest newer").hidden());
            float mu = mean(p.encodeText("wider").hidden());
            assertNotEquals(mc, mu, 1e-3);
            Scheduler ddim = Schedulers.create("ddim", p.schedulerConfig());
            ddim.setTimesteps(6);
            float[] x = LatentNoise.of(42, 4 * 12 * 16);
            float[] ts = ddim.timesteps();
            for (int i = 0; i < ts.length; i++) {
                float ratio = ts[i] / (ts[i] + 1);
                float[] eps = new float[x.length];
                for (int j = 0; j < x.length; j++) {
                    float text = x[j] * ratio + k * mc;
                    float uncond = x[j] * ratio + k * mu;
                    eps[j] = uncond + (float) g * (text - uncond);
                }
                x = ddim.step(eps, i, x, null).sample();
            }
            assertArrayEquals(x, got.latents(), 1e-3f);
            float[] unguided = p.generate(new SdRequest(r.prompt(), r.negativePrompt(), 128, 96, 6, 1, "ddim", 42,
                    null, 0, null), SdPipeline.Progress.none(), () -> false).latents();
            assertFalse(java.util.Arrays.equals(unguided, got.latents()));
        }
    }

    private static float mean(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return (float) (s / x.length);
    }

    /** An image constant over each 8×8 block, so the tiny VAE round-trips it exactly. */
    private static RgbPlanes blocky(int width, int height, int salt) {
        float[] v = new float[3 * width * height];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    v[(c * height + y) * width + x] = ((x / 8 * 7 + y / 8 * 13 + c * 5 + salt) % 17) / 16f;
                }
            }
        }
        return new RgbPlanes(width, height, v);
    }

    @ParameterizedTest
    @CsvSource({"latent_sample, false", "latent_parameters, false", "latent_sample, true", "latent_parameters, true"})
    void img2imgKeepsTheImageAtInfluence100AndIgnoresItAt0(String vaeOutput, boolean savedModel) throws Exception {
        TinySd sd = new TinySd().timestep(SdModelLayout.FLOAT, 0).savedModel(savedModel);
        sd.vaeOutput = vaeOutput;
        sd.idsType = SdModelLayout.INT64;
        try (SdPipeline p = open(sd)) {
            RgbPlanes a = blocky(64, 48, 0);
            SdRequest base = SdRequest.txt2img("low", "", 64, 48, 8, 5, "euler", 7);
            RgbPlanes kept = p.generate(base.withImage(a, 100), SdPipeline.Progress.none(), () -> false).image();
            assertArrayEquals(a.values(), kept.values(), 1e-5f);

            float[] fromA = p.generate(base.withImage(a, 0), SdPipeline.Progress.none(), () -> false).latents();
            float[] fromB = p.generate(base.withImage(blocky(64, 48, 5), 0), SdPipeline.Progress.none(),
                    () -> false).latents();
            float[] txt = p.generate(base, SdPipeline.Progress.none(), () -> false).latents();
            assertArrayEquals(fromA, fromB);
            assertArrayEquals(txt, fromA);

            float[] half = p.generate(base.withImage(a, 50), SdPipeline.Progress.none(), () -> false).latents();
            assertFalse(java.util.Arrays.equals(half, fromA));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theSameSeedGivesTheSameImageAndAnotherSeedAnother(boolean savedModel) throws Exception {
        try (SdPipeline p = open(new TinySd().k(1).savedModel(savedModel))) {
            SdRequest r = SdRequest.txt2img("low", "", 64, 64, 4, 3, "euler-a", 123);
            SdPipeline.Result one = p.generate(r, SdPipeline.Progress.none(), () -> false);
            SdPipeline.Result two = p.generate(r, SdPipeline.Progress.none(), () -> false);
            SdPipeline.Result other = p.generate(r.withSeed(124), SdPipeline.Progress.none(), () -> false);
            assertArrayEquals(one.latents(), two.latents());
            assertArrayEquals(one.image().values(), two.image().values());
            assertFalse(java.util.Arrays.equals(one.latents(), other.latents()));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void inpaintingWithARegularUnetEndsOnTheCleanImageLatentsOutsideTheMask(boolean savedModel) throws Exception {
        try (SdPipeline p = open(new TinySd().k(2).savedModel(savedModel))) {
            int w = 64;
            int h = 48;
            RgbPlanes image = blocky(w, h, 3);
            float[] mask = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w / 2; x++) {
                    mask[y * w + x] = 1; // repaint the left half
                }
            }
            SdRequest r = SdRequest.txt2img("low", "", w, h, 10, 4, "ddim", 5).withImage(image, 30).withMask(mask);
            SdPipeline.Result res = p.generate(r, SdPipeline.Progress.none(), () -> false);
            float[] clean = p.encode(image);
            int lw = w / 8;
            int plane = lw * (h / 8);
            boolean changedInside = false;
            for (int i = 0; i < clean.length; i++) {
                if (i % plane % lw >= lw / 2) {
                    assertEquals(clean[i], res.latents()[i], 0f, "latent " + i);
                } else {
                    changedInside |= clean[i] != res.latents()[i];
                }
            }
            assertTrue(changedInside);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = w / 2; x < w; x++) {
                        int at = (c * h + y) * w + x;
                        assertEquals(image.values()[at], res.image().values()[at], 1e-5f);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNineChannelUnetGetsLatentsMaskAndMaskedImageLatents(boolean savedModel) throws Exception {
        TinySd sd = new TinySd().k(1).savedModel(savedModel);
        sd.inpainting = true;
        try (SdPipeline p = open(sd)) {
            int w = 32;
            int h = 32;
            RgbPlanes image = blocky(w, h, 1);
            float[] mask = new float[w * h];
            for (int i = 0; i < mask.length / 2; i++) {
                mask[i] = 0.8f; // top half
            }
            assertThrows(AtelierException.class, () -> p.generate(SdRequest.txt2img("low", "", w, h, 4, 1, "ddim", 1),
                    SdPipeline.Progress.none(), () -> false));
            SdRequest r = SdRequest.txt2img("low", "", w, h, 5, 1, "ddim", 9).withImage(image, 0).withMask(mask);
            float[] got = p.generate(r, SdPipeline.Progress.none(), () -> false).latents();

            float[] m = SdPipeline.latentMask(mask, w, h);
            float[] mi = p.encode(SdPipeline.maskedImage(image, mask));
            float mc = mean(p.encodeText("low").hidden());
            Scheduler ddim = Schedulers.create("ddim", p.schedulerConfig());
            ddim.setTimesteps(5);
            float[] x = LatentNoise.of(9, 4 * 4 * 4);
            float[] ts = ddim.timesteps();
            for (int i = 0; i < ts.length; i++) {
                float ratio = ts[i] / (ts[i] + 1);
                float[] eps = new float[x.length];
                for (int j = 0; j < x.length; j++) {
                    eps[j] = x[j] * ratio + mc + 0.5f * m[j % 16] + 0.25f * mi[j];
                }
                x = ddim.step(eps, i, x, null).sample();
            }
            assertArrayEquals(x, got, 1e-3f);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void progressReportsEveryStepWithALatentSizedPreviewAndCancelStopsBetweenSteps(boolean savedModel)
            throws Exception {
        try (SdPipeline p = open(new TinySd().savedModel(savedModel))) {
            List<int[]> seen = new ArrayList<>();
            SdRequest r = SdRequest.txt2img("low", "", 80, 48, 7, 2, "dpmpp-2m-karras", 3);
            p.generate(r, (done, total, preview) -> seen.add(new int[] {done, total, preview.width(),
                    preview.height()}), () -> false);
            assertEquals(7, seen.size());
            for (int i = 0; i < 7; i++) {
                assertArrayEquals(new int[] {i + 1, 7, 10, 6}, seen.get(i));
            }

            AtomicInteger steps = new AtomicInteger();
            AtelierException e = assertThrows(AtelierException.class, () -> p.generate(r,
                    (done, total, preview) -> steps.incrementAndGet(), () -> steps.get() >= 3));
            assertEquals(ErrorCode.CANCELLED, e.code());
            assertEquals(3, steps.get());
        }
    }

    @Test
    void tiledDecodingMatchesTheWholeDecode() throws Exception {
        try (SdPipeline p = open(new TinySd())) {
            float[] latents = LatentNoise.of(77, 4 * 21 * 27);
            float[] whole = p.decode(latents, 4, 21, 27).values();
            p.tiling(8, 2);
            RgbPlanes tiled = p.decode(latents, 4, 21, 27);
            assertEquals(216, tiled.width());
            assertEquals(168, tiled.height());
            assertArrayEquals(whole, tiled.values(), 1e-6f);
        }
    }
}
