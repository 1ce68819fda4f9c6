package dev.atelier.inference.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.inference.diffusion.SdModelLayout.SdFamily;
import dev.atelier.inference.models.ModelException;
import dev.atelier.inference.models.onnx.OnnxSignature;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model folders described before loading: families, inpainting, VAE factors, input types, missing parts. */
class SdModelLayoutTest {

    @TempDir
    Path dir;

    @Test
    void aDiffusersExportIsSd1WithItsTypesReadFromTheOnnxFiles() throws Exception {
        TinySd sd = new TinySd();
        sd.scalingFactor = 0.2;
        SdModelLayout l = SdModelLayout.describe(sd.write(dir));
        assertTrue(l.isRunnable(), l.problems().toString());
        assertEquals(SdFamily.SD1, l.family());
        assertFalse(l.inpainting());
        assertEquals(0.2, l.vaeScalingFactor(), 0);
        assertEquals(4, l.latentChannels());
        assertEquals(new SdModelLayout.TensorSpec(SdModelLayout.INT64, 1), l.timestep());
        assertEquals(SdModelLayout.INT32, l.inputIdsType());
        assertEquals("latent_sample", l.vaeEncoderOutput());
        assertTrue(l.canEncodeImages());
        assertNull(l.textEncoder2());
    }

    @Test
    void anOptimumExportHasScalarFloatTimestepsInt64IdsAndLatentParameters() throws Exception {
        TinySd sd = new TinySd().timestep(SdModelLayout.FLOAT, 0);
        sd.idsType = SdModelLayout.INT64;
        sd.vaeOutput = "latent_parameters";
        sd.crossAttentionDim = 1024;
        SdModelLayout l = SdModelLayout.describe(sd.write(dir));
        assertTrue(l.isRunnable(), l.problems().toString());
        assertEquals(SdFamily.SD2, l.family());
        assertEquals(new SdModelLayout.TensorSpec(SdModelLayout.FLOAT, 0), l.timestep());
        assertEquals(SdModelLayout.INT64, l.inputIdsType());
        assertEquals("latent_parameters", l.vaeEncoderOutput());
    }

    @Test
    void sdxlByItsSecondTextEncoderWithItsOwnDefaultScalingFactor() throws Exception {
        TinySd sd = new TinySd();
        sd.sdxl = true;
        sd.scalingFactor = null;
        SdModelLayout l = SdModelLayout.describe(sd.write(dir));
        assertTrue(l.isRunnable(), l.problems().toString());
        assertEquals(SdFamily.SDXL, l.family());
        assertEquals(0.13025, l.vaeScalingFactor(), 0);
        assertEquals("text_encoder_2", l.textEncoder2().name());
    }

    @Test
    void aNineChannelUnetIsAnInpaintingModel() throws Exception {
        TinySd sd = new TinySd();
        sd.inpainting = true;
        SdModelLayout l = SdModelLayout.describe(sd.write(dir));
        assertTrue(l.inpainting());
        assertEquals(9, l.unetInChannels());
    }

    @Test
    void missingPartsAreListedOneLineEachAndRefusedOnRequire() throws Exception {
        TinySd sd = new TinySd();
        sd.vaeEncoder = false;
        sd.write(dir);
        Files.delete(dir.resolve("unet/model.onnx"));
        Files.delete(dir.resolve("tokenizer/merges.txt"));
        SdModelLayout l = SdModelLayout.describe(dir);
        assertTrue(l.problems().contains("unet/model.onnx (or saved_model.pb) is missing"), l.problems().toString());
        assertTrue(l.problems().contains("tokenizer/merges.txt is missing"), l.problems().toString());
        assertFalse(l.canEncodeImages());
        ModelException e = assertThrows(ModelException.class, l::requireRunnable);
        assertTrue(e.getMessage().contains("unet/model.onnx (or saved_model.pb) is missing"), e.getMessage());
    }

    @Test
    void anUnknownConditioningWidthAndWrongNamesAreProblems() throws Exception {
        TinySd sd = new TinySd();
        sd.crossAttentionDim = 512;
        sd.vaeOutput = "latents";
        SdModelLayout l = SdModelLayout.describe(sd.write(dir));
        assertTrue(l.problems().stream().anyMatch(p -> p.startsWith("unet: cross_attention_dim 512")),
                l.problems().toString());
        assertTrue(l.problems().contains(
                "vae_encoder/model.onnx has neither a latent_sample nor a latent_parameters output"));
    }

    @Test
    void signaturesGiveNamesTypesAndDimensionsAndRefuseGarbage() throws Exception {
        new TinySd().timestep(SdModelLayout.INT32, 1).write(dir);
        OnnxSignature s = OnnxSignature.read(dir.resolve("unet/model.onnx"));
        assertEquals(3, s.inputs().size());
        OnnxSignature.Value sample = s.input("sample").orElseThrow();
        assertEquals(SdModelLayout.FLOAT, sample.elemType());
        assertArrayEquals(new long[] {1, 4, -1, -1}, sample.dims());
        assertEquals(SdModelLayout.INT32, s.input("timestep").orElseThrow().elemType());
        assertEquals("out_sample", s.outputs().get(0).name());
        Path bad = dir.resolve("bad.onnx");
        Files.write(bad, new byte[] {0x3a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2});
        ModelException e = assertThrows(ModelException.class, () -> OnnxSignature.read(bad));
        assertTrue(e.getMessage().startsWith(bad + " is not a readable ONNX model"), e.getMessage());
    }
}
