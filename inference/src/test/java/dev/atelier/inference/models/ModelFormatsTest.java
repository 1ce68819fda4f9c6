package dev.atelier.inference.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFormatsTest {

    @TempDir
    Path dir;

    /** A safetensors file: u64 little-endian header length, the JSON header, then the tensor bytes. */
    static Path safetensors(Path file, List<String> names) throws IOException {
        StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (String n : names) {
            json.append(",\"").append(n).append("\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[")
                    .append(offset).append(',').append(offset + 4).append("]}");
            offset += 4;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        Files.write(file, b.array());
        return file;
    }

    @Test
    void savedModelFolder() throws Exception {
        Path sm = Files.createDirectories(dir.resolve("sm"));
        Files.write(sm.resolve("saved_model.pb"), new byte[] {0x08, 0x01});
        Files.createDirectories(sm.resolve("variables"));
        ModelFormats.Detection d = ModelFormats.detect(sm);
        assertEquals(ModelFormat.SAVEDMODEL, d.format());
        assertEquals(sm, d.path());
    }

    @Test
    void onnxFileAndFolder() throws Exception {
        Path f = Files.write(dir.resolve("m.onnx"), new byte[] {0x08, 0x07, 0x12, 0x03, 'p', 'y', 't'});
        assertEquals(ModelFormat.ONNX, ModelFormats.detect(f).format());
        Path folder = Files.createDirectories(dir.resolve("onnxdir"));
        Files.copy(f, folder.resolve("x.onnx"));
        assertEquals(folder.resolve("x.onnx"), ModelFormats.detect(folder).path());
        Path bad = Files.writeString(dir.resolve("bad.onnx"), "hello");
        assertEquals("bad.onnx is not an ONNX model (it does not start like a protobuf ModelProto)",
                assertThrows(ModelException.class, () -> ModelFormats.detect(bad)).getMessage());
    }

    @Test
    void tfjsLayersModel() throws Exception {
        Path t = Files.createDirectories(dir.resolve("tfjs"));
        Files.writeString(t.resolve("model.json"), "{\"format\":\"layers-model\",\"modelTopology\":{},"
                + "\"weightsManifest\":[{\"paths\":[\"group1-shard1of1.bin\"],\"weights\":[]}]}");
        Files.write(t.resolve("group1-shard1of1.bin"), new byte[16]);
        assertEquals(ModelFormat.TFJS_LAYERS, ModelFormats.detect(t).format());
        Files.writeString(t.resolve("model.json"), "{\"something\":1}");
        assertEquals("model.json is not a TFJS layers model (no modelTopology and weightsManifest)",
                assertThrows(ModelException.class, () -> ModelFormats.detect(t)).getMessage());
    }

    @Test
    void safetensorsReportsFamilyAndHowToConvert() throws Exception {
        Path sd = safetensors(dir.resolve("sd15.safetensors"), List.of(
                "model.diffusion_model.input_blocks.0.0.weight", "first_stage_model.decoder.conv_in.weight",
                "cond_stage_model.transformer.text_model.embeddings.position_ids"));
        ModelFormats.Detection d = ModelFormats.detect(sd);
        assertEquals(ModelFormat.SAFETENSORS, d.format());
        assertEquals("Stable Diffusion checkpoint (UNet, VAE, text encoder)", d.family());
        assertEquals("Atelier runs ONNX and SavedModel models; export it to ONNX with Hugging Face Optimum"
                + " ('optimum-cli export onnx'), then 'atelier models import' the .onnx files", d.advice());
        assertEquals("VAE", ModelFormats.detect(safetensors(dir.resolve("vae.safetensors"),
                List.of("encoder.down_blocks.0.resnets.0.conv1.weight", "decoder.up_blocks.0.resnets.0.conv1.weight")))
                .family());
        assertEquals("CLIP text encoder", ModelFormats.detect(safetensors(dir.resolve("te.safetensors"),
                List.of("text_model.encoder.layers.0.mlp.fc1.weight"))).family());
        assertEquals("diffusers UNet", ModelFormats.family(List.of("down_blocks.0.attentions.0.proj_in.weight",
                "mid_block.resnets.0.conv1.weight", "time_embedding.linear_1.weight")));
        assertEquals("LoRA adapter", ModelFormats.family(List.of("lora_unet_down_blocks_0.alpha")));
    }

    @Test
    void aHugeSafetensorsHeaderClaimIsRefusedBeforeAllocating() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(1L << 30).put("{\"a\":1}".getBytes(StandardCharsets.US_ASCII));
        Path f = Files.write(dir.resolve("huge.safetensors"), b.array());
        assertEquals("huge.safetensors claims a 1073741824-byte safetensors header; the format allows at most"
                + " 104857600 bytes", assertThrows(ModelException.class, () -> ModelFormats.detect(f)).getMessage());
        ByteBuffer c = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        c.putLong(1000).put("{\"a\":1}".getBytes(StandardCharsets.US_ASCII));
        Path g = Files.write(dir.resolve("short.safetensors"), c.array());
        assertEquals("short.safetensors claims a 1000-byte safetensors header but is only 16 bytes long",
                assertThrows(ModelException.class, () -> ModelFormats.detect(g)).getMessage());
    }

    static Path torchZip(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'});
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("archive/data/0"));
            zip.write(new byte[8]);
            zip.closeEntry();
        }
        return file;
    }

    @Test
    void pickledCheckpointsAreRefused() throws Exception {
        Path zip = torchZip(dir.resolve("model.ckpt"));
        assertEquals("model.ckpt is a pickled PyTorch checkpoint, which can run code when loaded; Atelier never loads"
                + " those. Convert it to safetensors or ONNX first",
                assertThrows(ModelException.class, () -> ModelFormats.detect(zip)).getMessage());
        Path raw = Files.write(dir.resolve("net.pth"), new byte[] {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 'l', (byte) 0xfc});
        assertEquals(ModelFormats.pickleMessage(raw),
                assertThrows(ModelException.class, () -> ModelFormats.detect(raw)).getMessage());
        // a pickle renamed to .onnx is still a pickle
        Path disguised = Files.copy(raw, dir.resolve("evil.onnx"));
        assertEquals(ModelFormats.pickleMessage(disguised),
                assertThrows(ModelException.class, () -> ModelFormats.detect(disguised)).getMessage());
        // a folder of only pickles
        Path folder = Files.createDirectories(dir.resolve("ckpts"));
        Files.copy(raw, folder.resolve("pytorch_model.bin"));
        assertEquals(ModelFormats.pickleMessage(folder.resolve("pytorch_model.bin")),
                assertThrows(ModelException.class, () -> ModelFormats.detect(folder)).getMessage());
    }
}
