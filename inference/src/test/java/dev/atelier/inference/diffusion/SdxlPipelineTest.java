package dev.atelier.inference.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.inference.diffusion.SdModelLayout.SdFamily;
import dev.atelier.inference.diffusion.scheduler.LatentNoise;
import dev.atelier.inference.diffusion.scheduler.Scheduler;
import dev.atelier.inference.diffusion.scheduler.Schedulers;
import dev.atelier.inference.diffusion.text.ClipTokenizer;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.models.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SDXL on the tiny ONNX model ({@link TinySd#sdxl}): what the layout reads, the two encoders' penultimate layers
 * joined per token, the pooled {@code text_embeds} and {@code time_ids} reaching the UNet (checked against the
 * closed form), zeros for an empty negative prompt, sizes and seeds.
 */
class SdxlPipelineTest {

    @TempDir
    Path dir;

    private static TinySd xl() {
        TinySd sd = new TinySd().k(2);
        sd.sdxl = true;
        return sd;
    }

    private SdPipeline open(TinySd sd) throws Exception {
        return SdPipeline.open(SdModelLayout.describe(sd.write(dir)), EngineContext.defaultCacheDir(), 1);
    }

    private static float mean(float[] x) {
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return (float) (s / x.length);
    }

    @Test
    void theLayoutReadsBothEncodersPenultimateLayersPooledWidthAndZerosForEmptyPrompts() throws Exception {
        TinySd sd = xl();
        sd.scalingFactor = null;
        SdModelLayout l = SdModelLayout.describe(sd.write(dir));
        assertTrue(l.isRunnable(), l.problems().toString());
        assertEquals(SdFamily.SDXL, l.family());
        assertEquals(1024, l.family().defaultSide());
        assertEquals(0.13025, l.vaeScalingFactor(), 0);
        assertEquals(dir.resolve("tokenizer_2"), l.tokenizer2());
        SdModelLayout.Xl xl = l.xl();
        assertEquals("hidden_states.1", xl.hidden1(), "num_hidden_layers 2: hidden_states[-2] is index 1");
        assertEquals("hidden_states.1", xl.hidden2());
        assertEquals(SdModelLayout.INT64, xl.inputIds2Type());
        assertEquals(TinySd.POOLED, xl.pooledDim());
        assertTrue(xl.zerosForEmptyNegative(), "diffusers' default when model_index.json does not say");
        assertTrue(xl.notices().isEmpty(), xl.notices().toString());

        Path other = dir.resolve("other");
        sd.forceZeros = false;
        sd.hiddenStates = false;
        SdModelLayout l2 = SdModelLayout.describe(sd.write(other));
        assertTrue(l2.isRunnable(), l2.problems().toString());
        assertFalse(l2.xl().zerosForEmptyNegative());
        assertEquals("last_hidden_state", l2.xl().hidden1());
        assertEquals("last_hidden_state", l2.xl().hidden2());
        assertEquals(2, l2.xl().notices().size());
        assertTrue(l2.xl().notices().get(0).startsWith("text_encoder/model.onnx exports no hidden_states.N outputs: "
                + "its last_hidden_state is used instead of the penultimate layer"), l2.xl().notices().toString());
        assertEquals(null, SdModelLayout.describe(new TinySd().write(dir.resolve("sd1"))).xl());
    }

    @Test
    void aMissingSecondEncoderOrTokenizerIsOneClearLine() throws Exception {
        xl().write(dir);
        delete(dir.resolve("text_encoder_2"));
        SdModelLayout l = SdModelLayout.describe(dir);
        assertEquals(SdFamily.SDXL, l.family(), "cross_attention_dim 2048 still says SDXL");
        assertEquals(List.of("text_encoder_2/ is missing (Stable Diffusion XL needs its second text encoder)"),
                l.problems());
        ModelException e = assertThrows(ModelException.class, () -> SdPipeline.open(l,
                EngineContext.defaultCacheDir(), 1));
        assertEquals(dir + " is not a usable Stable Diffusion model: text_encoder_2/ is missing (Stable Diffusion "
                + "XL needs its second text encoder)", e.getMessage());

        Path other = dir.resolve("no-tokenizer");
        xl().write(other);
        delete(other.resolve("tokenizer_2"));
        assertEquals(List.of("tokenizer_2/ is missing (Stable Diffusion XL needs its second tokenizer)"),
                SdModelLayout.describe(other).problems());
        Files.delete(other.resolve("text_encoder_2/model.onnx"));
        Files.createDirectories(other.resolve("tokenizer_2"));
        assertTrue(SdModelLayout.describe(other).problems().containsAll(List.of(
                "text_encoder_2/model.onnx (or saved_model.pb) is missing", "tokenizer_2/vocab.json is missing")));
    }

    @Test
    void promptEmbeddingsJoinBothPenultimateLayersAndPoolEncoderTwo() throws Exception {
        try (SdPipeline p = open(xl())) {
            String prompt = "lowest newer";
            int[] ids1 = ClipTokenizer.load(dir.resolve("tokenizer")).encode(prompt);
            int[] ids2 = ClipTokenizer.load(dir.resolve("tokenizer_2")).encode(prompt);
            assertEquals(0, ids2[ids2.length - 1], "tokenizer_2 pads with \"!\", id 0");
            assertEquals(ids1[1] + 1, ids2[1], "tokenizer_2's own vocabulary is used");
            TextConditioning.Embedding e = p.encodeText(prompt);
            int width = TinySd.WIDTH + TinySd.WIDTH2;
            assertArrayEquals(new long[] {1, 77, width}, e.shape());
            float[] pooled = new float[TinySd.POOLED];
            for (int t = 0; t < 77; t++) {
                for (int j = 0; j < width; j++) {
                    float want = j < TinySd.WIDTH ? TinySd.xlEmbedding(1, ids1[t], j)
                            : TinySd.xlEmbedding(2, ids2[t], j - TinySd.WIDTH);
                    assertEquals(want, e.hidden()[t * width + j], 1e-6f, "token " + t + ", column " + j);
                }
                for (int j = 0; j < TinySd.POOLED; j++) {
                    pooled[j] += TinySd.xlLast(2, ids2[t], j) / 77;
                }
            }
            assertArrayEquals(pooled, e.pooled(), 1e-5f);
        }
    }

    @Test
    void theUnetGetsThePooledEmbeddingAndTimeIdsAndAnEmptyNegativeIsZeros() throws Exception {
        float k = 2;
        double g = 5;
        int w = 128;
        int h = 96;
        try (SdPipeline p = open(xl())) {
            float[] timeIds = SdPipeline.timeIds(h, w);
            assertArrayEquals(new float[] {96, 128, 0, 0, 96, 128}, timeIds);
            TextConditioning.Embedding text = p.encodeText("lowest newer");
            TextConditioning.Embedding neg = p.encodeText("wider");
            for (String negative : new String[] {"wider", ""}) {
                SdRequest r = SdRequest.txt2img("lowest newer", negative, w, h, 6, g, "ddim", 42);
                float[] got = p.generate(r, SdPipeline.Progress.none(), () -> false).latents();
                boolean zeros = negative.isEmpty();
                float[] want = reference(p, k, g, text, zeros ? null : neg, timeIds);
                assertArrayEquals(want, got, 1e-3f, "negative '" + negative + "'");
                float[] otherTimes = reference(p, k, g, text, zeros ? null : neg, SdPipeline.timeIds(w, h));
                assertFalse(Arrays.equals(want, otherTimes), "swapped time_ids would change the result");
            }

            // Through the loop itself: other time_ids or another pooled embedding change the prediction.
            SdPipeline.Conditioning cond = p.encodePrompts("low", "", 1);
            Scheduler ddim = Schedulers.create("ddim", p.schedulerConfig());
            ddim.setTimesteps(4);
            float[] start = LatentNoise.of(3, 4 * 12 * 16);
            float[] a = p.denoise(new SdPipeline.Denoise(ddim, start, 4, 12, 16, cond, null, timeIds),
                    new LatentNoise(0), SdPipeline.Progress.none(), () -> false);
            float[] b = p.denoise(new SdPipeline.Denoise(ddim, start, 4, 12, 16, cond, null,
                    SdPipeline.timeIds(512, 512)), new LatentNoise(0), SdPipeline.Progress.none(), () -> false);
            TextConditioning.Embedding t = cond.text();
            float[] pooled = t.pooled().clone();
            pooled[0] += 1;
            SdPipeline.Conditioning otherPooled = new SdPipeline.Conditioning(
                    new TextConditioning.Embedding(t.hidden(), t.shape(), pooled), null, 1);
            float[] c = p.denoise(new SdPipeline.Denoise(ddim, start, 4, 12, 16, otherPooled, null, timeIds),
                    new LatentNoise(0), SdPipeline.Progress.none(), () -> false);
            assertFalse(Arrays.equals(a, b));
            assertFalse(Arrays.equals(a, c));
        }
    }

    @Test
    void forceZerosOffEncodesTheEmptyNegativePrompt() throws Exception {
        TinySd sd = xl();
        sd.forceZeros = false;
        try (SdPipeline p = open(sd)) {
            TextConditioning.Embedding empty = p.encodeText("");
            SdPipeline.Conditioning c = p.encodePrompts("low", "", 3);
            assertArrayEquals(empty.hidden(), c.uncond().hidden());
            assertArrayEquals(empty.pooled(), c.uncond().pooled());
            assertNotEquals(0f, mean(c.uncond().pooled()));
        }
    }

    @Test
    void img2imgAndInpaintingRunAtTheRequestedSizeAndRepeatTheirSeed() throws Exception {
        try (SdPipeline p = open(xl())) {
            int w = 96;
            int h = 64;
            float[] v = new float[3 * w * h];
            for (int i = 0; i < v.length; i++) {
                v[i] = (i % 97) / 97f;
            }
            RgbPlanes image = new RgbPlanes(w, h, v);
            SdRequest img2img = SdRequest.txt2img("wider", "newer", w, h, 5, 4, "euler", 7).withImage(image, 40);
            SdPipeline.Result a = p.generate(img2img, SdPipeline.Progress.none(), () -> false);
            assertEquals(w, a.image().width());
            assertEquals(h, a.image().height());
            assertArrayEquals(a.image().values(), p.generate(img2img, SdPipeline.Progress.none(), () -> false)
                    .image().values(), 0f);
            float[] other = p.generate(SdRequest.txt2img("wider", "newer", w, h, 5, 4, "euler", 8)
                    .withImage(image, 40), SdPipeline.Progress.none(), () -> false).latents();
            assertFalse(Arrays.equals(a.latents(), other), "another seed, other noise");

            float[] mask = new float[w * h];
            Arrays.fill(mask, 0, mask.length / 2, 1f);
            SdPipeline.Result in = p.generate(SdRequest.txt2img("wider", "", w, h, 4, 4, "euler", 7)
                    .withImage(image, 0).withMask(mask), SdPipeline.Progress.none(), () -> false);
            assertEquals(w, in.image().width());
            assertEquals(h, in.image().height());
        }
    }

    @Test
    void theSavedModelSdxlRunsOnTensorFlowAndGivesTheOnnxNumbers() throws Exception {
        TinySd saved = xl().savedModel(true);
        try (SdPipeline o = SdPipeline.open(SdModelLayout.describe(xl().write(dir.resolve("onnx"))),
                EngineContext.defaultCacheDir(), 1);
                SdPipeline s = SdPipeline.open(SdModelLayout.describe(saved.write(dir.resolve("saved"))),
                        EngineContext.defaultCacheDir(), 1)) {
            SdModelLayout l = s.layout();
            assertEquals(SdModelLayout.Format.SAVED_MODEL, l.format());
            assertEquals(SdFamily.SDXL, l.family());
            assertEquals("hidden_states.1", l.xl().hidden2());
            assertEquals(TinySd.POOLED, l.xl().pooledDim());
            TextConditioning.Embedding eo = o.encodeText("lowest newer");
            TextConditioning.Embedding es = s.encodeText("lowest newer");
            assertArrayEquals(eo.hidden(), es.hidden(), 1e-6f);
            assertArrayEquals(eo.pooled(), es.pooled(), 1e-6f);
            SdRequest r = SdRequest.txt2img("lowest newer", "", 80, 48, 4, 4, "euler", 5);
            assertArrayEquals(o.generate(r, SdPipeline.Progress.none(), () -> false).latents(),
                    s.generate(r, SdPipeline.Progress.none(), () -> false).latents(), 1e-4f);
        }
    }

    /** The DDIM loop of the tiny SDXL UNet by hand; {@code neg} null means all-zero negative embeddings. */
    private static float[] reference(SdPipeline p, float k, double g, TextConditioning.Embedding text,
            TextConditioning.Embedding neg, float[] timeIds) throws Exception {
        float tc = 0;
        for (int i = 0; i < 6; i++) {
            tc += timeIds[i] * TinySd.TIME_WEIGHTS[i];
        }
        float cond = k * mean(text.hidden()) + TinySd.POOLED_WEIGHT * mean(text.pooled()) + tc;
        float uncond = (neg == null ? 0 : k * mean(neg.hidden()) + TinySd.POOLED_WEIGHT * mean(neg.pooled())) + tc;
        Scheduler ddim = Schedulers.create("ddim", p.schedulerConfig());
        ddim.setTimesteps(6);
        float[] x = LatentNoise.of(42, 4 * 12 * 16);
        float[] ts = ddim.timesteps();
        for (int i = 0; i < ts.length; i++) {
            float ratio = ts[i] / (ts[i] + 1);
            float[] eps = new float[x.length];
            for (int j = 0; j < x.length; j++) {
                float c = x[j] * ratio + cond;
                float u = x[j] * ratio + uncond;
                eps[j] = u + (float) g * (c - u);
            }
            x = ddim.step(eps, i, x, null).sample();
        }
        return x;
    }

    private static void delete(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
