package dev.atelier.inference.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.models.ModelException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same tiny model as ONNX files and as TensorFlow SavedModels: same numbers, same checks. */
class SdFormatsTest {

    @TempDir
    Path dir;

    private SdPipeline open(TinySd sd, String name) throws Exception {
        return SdPipeline.open(SdModelLayout.describe(sd.write(dir.resolve(name))), EngineContext.defaultCacheDir(), 1);
    }

    @Test
    void aSavedModelFolderRunsOnTensorFlowAndGivesTheOnnxNumbers() throws Exception {
        try (SdPipeline onnx = open(new TinySd().k(1), "onnx");
                SdPipeline saved = open(new TinySd().k(1).savedModel(true), "saved")) {
            assertEquals(SdModelLayout.Format.ONNX, onnx.layout().format());
            assertEquals(SdModelLayout.Format.SAVED_MODEL, saved.layout().format());
            assertEquals(DjlRuntime.TENSORFLOW, SdPipeline.runtime(saved.layout()));
            assertEquals(SdModelLayout.SdFamily.SD1, saved.layout().family());
            assertEquals(0.18215, saved.layout().vaeScalingFactor(), 1e-9);
            assertArrayEquals(onnx.encodeText("lowest newer").hidden(), saved.encodeText("lowest newer").hidden(),
                    1e-6f);

            RgbPlanes image = new RgbPlanes(64, 48, noise(3 * 64 * 48));
            float[] mask = new float[64 * 48];
            for (int i = 0; i < mask.length / 3; i++) {
                mask[i] = 1;
            }
            SdRequest r = SdRequest.txt2img("lowest newer", "wider", 64, 48, 5, 4, "euler-a", 17)
                    .withImage(image, 40).withMask(mask);
            SdPipeline.Result a = onnx.generate(r, SdPipeline.Progress.none(), () -> false);
            SdPipeline.Result b = saved.generate(r, SdPipeline.Progress.none(), () -> false);
            assertArrayEquals(a.latents(), b.latents(), 1e-4f);
            assertArrayEquals(a.image().values(), b.image().values(), 1e-4f);
        }
    }

    @Test
    void theNineChannelSavedModelUnetMatchesTheOnnxOne() throws Exception {
        TinySd o = new TinySd().k(1);
        o.inpainting = true;
        TinySd s = new TinySd().k(1).savedModel(true);
        s.inpainting = true;
        s.vaeOutput = "latent_parameters";
        o.vaeOutput = "latent_parameters";
        try (SdPipeline onnx = open(o, "onnx"); SdPipeline saved = open(s, "saved")) {
            assertTrue(saved.layout().inpainting());
            assertEquals("latent_parameters", saved.layout().vaeEncoderOutput());
            RgbPlanes image = new RgbPlanes(32, 32, noise(3 * 32 * 32));
            float[] mask = new float[32 * 32];
            for (int i = 0; i < mask.length / 2; i++) {
                mask[i] = 0.8f;
            }
            SdRequest r = SdRequest.txt2img("low", "", 32, 32, 4, 2, "ddim", 9).withImage(image, 0).withMask(mask);
            assertArrayEquals(onnx.generate(r, SdPipeline.Progress.none(), () -> false).latents(),
                    saved.generate(r, SdPipeline.Progress.none(), () -> false).latents(), 1e-4f);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aUnetWithoutEncoderHiddenStatesIsRefusedInOneLine(boolean savedModel) throws Exception {
        TinySd sd = new TinySd().savedModel(savedModel);
        sd.hiddenName = "context";
        SdModelLayout l = SdModelLayout.describe(sd.write(dir.resolve("bad")));
        String file = savedModel ? "unet/saved_model.pb" : "unet/model.onnx";
        assertTrue(l.problems().contains(file + " has no input named encoder_hidden_states"), l.problems().toString());
        ModelException e = assertThrows(ModelException.class, l::requireRunnable);
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().endsWith("is not a usable Stable Diffusion model: " + file
                + " has no input named encoder_hidden_states"), e.getMessage());
    }

    @Test
    void aFolderMixingOnnxAndSavedModelPartsIsRefused() throws Exception {
        Path mixed = new TinySd().write(dir.resolve("mixed"));
        Path saved = new TinySd().savedModel(true).write(dir.resolve("saved"));
        java.nio.file.Files.delete(mixed.resolve("unet/model.onnx"));
        for (String f : new String[] {"saved_model.pb"}) {
            java.nio.file.Files.copy(saved.resolve("unet").resolve(f), mixed.resolve("unet").resolve(f));
        }
        SdModelLayout l = SdModelLayout.describe(mixed);
        assertFalse(l.isRunnable());
        assertTrue(l.problems().stream().anyMatch(p -> p.startsWith("parts mix ONNX and SavedModel (")
                && p.contains("unet/saved_model.pb") && p.contains("text_encoder/model.onnx")),
                l.problems().toString());
    }

    private static float[] noise(int n) {
        float[] v = new float[n];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat();
        }
        return v;
    }
}
