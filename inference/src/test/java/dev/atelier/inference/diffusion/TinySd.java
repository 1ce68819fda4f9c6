package dev.atelier.inference.diffusion;

import static dev.atelier.inference.models.onnx.OnnxWriter.FLOAT;
import static dev.atelier.inference.models.onnx.OnnxWriter.INT32;
import static dev.atelier.inference.models.onnx.OnnxWriter.INT64;

import dev.atelier.inference.models.onnx.OnnxWriter;
import dev.atelier.inference.models.onnx.OnnxWriter.Attr;
import dev.atelier.inference.models.onnx.OnnxWriter.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a tiny Stable Diffusion folder in the diffusers/optimum ONNX layout (or the same parts as TensorFlow
 * SavedModels, {@link #savedModel}) whose networks are simple closed forms, so the pipeline's results can be computed
 * by hand:
 * <ul>
 *   <li>text encoder: {@code last_hidden_state[0][p][j] = sin(id_p · 0.01·(j+1))}, width {@link #WIDTH};
 *   <li>UNet: {@code out = x·t/(t+1) + k·mean(encoder_hidden_states)} (+ 0.5·mask + 0.25·masked latents for the
 *       9-channel one, x being the first 4 channels);
 *   <li>VAE encoder: 8×8 average pooling then the 3→4 channel matrix {@link #ENCODE} (plus 4 log-variance rows for
 *       {@code latent_parameters}); VAE decoder: the 4→3 matrix {@link #DECODE} (its left inverse) then nearest ×8.
 * </ul>
 */
final class TinySd {

    static final int WIDTH = 8;
    static final float[][] ENCODE = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1 / 3f, 1 / 3f, 1 / 3f}};
    static final float[][] DECODE = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}};
    static final List<String> VOCAB = List.of("l", "o", "w", "e", "r", "s", "t", "i", "d", "n", "lo", "l</w>", "w</w>",
            "r</w>", "t</w>", "low</w>", "er</w>", "lowest</w>", "newer</w>", "wider", "<unk>", "<|startoftext|>",
            "<|endoftext|>");

    int idsType = INT32;
    int timestepType = INT64;
    int timestepRank = 1;
    String vaeOutput = "latent_sample";
    boolean inpainting;
    boolean sdxl;
    boolean vaeEncoder = true;
    float k;
    /** Writes the parts as TensorFlow SavedModels ({@link TinySdSavedModels}) instead of ONNX files. */
    boolean savedModel;
    /** The UNet's text input; anything but {@code encoder_hidden_states} makes a model with a wrong signature. */
    String hiddenName = "encoder_hidden_states";
    Double scalingFactor = 0.18215;
    int crossAttentionDim = 768;

    TinySd k(float value) {
        k = value;
        return this;
    }

    TinySd timestep(int type, int rank) {
        timestepType = type;
        timestepRank = rank;
        return this;
    }

    TinySd savedModel(boolean value) {
        savedModel = value;
        return this;
    }

    Path write(Path dir) {
        write(dir.resolve("model_index.json"), "{\"_class_name\": \"OnnxStableDiffusionPipeline\"}");
        write(dir.resolve("scheduler/scheduler_config.json"), "{\"_class_name\": \"PNDMScheduler\", "
                + "\"beta_schedule\": \"scaled_linear\", \"beta_start\": 0.00085, \"beta_end\": 0.012, "
                + "\"steps_offset\": 1, \"set_alpha_to_one\": false, \"clip_sample\": false}");
        write(dir.resolve("unet/config.json"), "{\"in_channels\": " + (inpainting ? 9 : 4)
                + ", \"cross_attention_dim\": " + (sdxl ? 2048 : crossAttentionDim) + "}");
        write(dir.resolve("vae_decoder/config.json"), scalingFactor == null ? "{\"latent_channels\": 4}"
                : "{\"latent_channels\": 4, \"scaling_factor\": " + scalingFactor + "}");
        tokenizer(dir.resolve("tokenizer"));
        if (savedModel) {
            TinySdSavedModels.textEncoder(dir.resolve("text_encoder"), idsType);
            TinySdSavedModels.unet(dir.resolve("unet"), this);
            if (vaeEncoder) {
                TinySdSavedModels.vaeEncoder(dir.resolve("vae_encoder"), vaeOutput);
            }
            TinySdSavedModels.vaeDecoder(dir.resolve("vae_decoder"));
            return dir;
        }
        write(dir.resolve("text_encoder/model.onnx"), textEncoder(idsType));
        if (sdxl) {
            tokenizer(dir.resolve("tokenizer_2"));
            write(dir.resolve("text_encoder_2/model.onnx"), textEncoder(INT64));
        }
        write(dir.resolve("unet/model.onnx"), unet());
        if (vaeEncoder) {
            write(dir.resolve("vae_encoder/model.onnx"), vaeEncoder());
        }
        write(dir.resolve("vae_decoder/model.onnx"), vaeDecoder());
        return dir;
    }

    /** The text encoder's embedding of one id, as the ONNX graph computes it (in float). */
    static float embedding(int id, int j) {
        return (float) Math.sin((float) id * (0.01f * (j + 1)));
    }

    private byte[] textEncoder(int type) {
        OnnxWriter w = new OnnxWriter();
        float[] freq = new float[WIDTH];
        for (int j = 0; j < WIDTH; j++) {
            freq[j] = 0.01f * (j + 1);
        }
        w.initializer("freq", new long[] {WIDTH}, freq);
        w.initializer("axis2", new long[] {1}, new long[] {2});
        w.node("Cast", "idsf", List.of("input_ids"), Attr.i("to", FLOAT));
        w.node("Unsqueeze", "ids3", List.of("idsf", "axis2"));
        w.node("Mul", "angles", List.of("ids3", "freq"));
        w.node("Sin", "last_hidden_state", List.of("angles"));
        return w.build("tiny-clip", List.of(new Value("input_ids", type, null, null)),
                List.of(new Value("last_hidden_state", FLOAT, null, null, (long) WIDTH)));
    }

    private byte[] unet() {
        OnnxWriter w = new OnnxWriter();
        w.initializer("one", new long[0], new float[] {1});
        w.initializer("k", new long[0], new float[] {k});
        w.node("Cast", "tf", List.of("timestep"), Attr.i("to", FLOAT));
        w.node("Add", "tp1", List.of("tf", "one"));
        w.node("Div", "ratio", List.of("tf", "tp1"));
        String x = "sample";
        if (inpainting) {
            slice(w, "x", 0, 4);
            slice(w, "m", 4, 5);
            slice(w, "mi", 5, 9);
            x = "x";
        }
        w.node("Mul", "scaled", List.of(x, "ratio"));
        w.node("ReduceMean", "mean", List.of(hiddenName), Attr.i("keepdims", 0));
        w.node("Mul", "kmean", List.of("mean", "k"));
        if (inpainting) {
            w.initializer("half", new long[0], new float[] {0.5f});
            w.initializer("quarter", new long[0], new float[] {0.25f});
            w.node("Add", "base", List.of("scaled", "kmean"));
            w.node("Mul", "hm", List.of("m", "half"));
            w.node("Mul", "qmi", List.of("mi", "quarter"));
            w.node("Add", "withMask", List.of("base", "hm"));
            w.node("Add", "out_sample", List.of("withMask", "qmi"));
        } else {
            w.node("Add", "out_sample", List.of("scaled", "kmean"));
        }
        Long[] t = timestepRank == 0 ? new Long[0] : new Long[] {1L};
        return w.build("tiny-unet", List.of(
                new Value("sample", FLOAT, 1L, inpainting ? 9L : 4L, null, null),
                new Value("timestep", timestepType, t),
                new Value(hiddenName, FLOAT, 1L, 77L, (long) WIDTH)),
                List.of(new Value("out_sample", FLOAT, 1L, 4L, null, null)));
    }

    private static void slice(OnnxWriter w, String out, long from, long to) {
        w.initializer(out + "_from", new long[] {1}, new long[] {from});
        w.initializer(out + "_to", new long[] {1}, new long[] {to});
        w.initializer(out + "_axis", new long[] {1}, new long[] {1});
        w.node("Slice", out, List.of("sample", out + "_from", out + "_to", out + "_axis"));
    }

    private byte[] vaeEncoder() {
        OnnxWriter w = new OnnxWriter();
        boolean params = vaeOutput.equals("latent_parameters");
        int rows = params ? 8 : 4;
        float[] weights = new float[rows * 3];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 3; c++) {
                weights[r * 3 + c] = r < 4 ? ENCODE[r][c] : 5f + r;
            }
        }
        w.initializer("enc", new long[] {rows, 3, 1, 1}, weights);
        w.node("AveragePool", "pooled", List.of("sample"), Attr.ints("kernel_shape", 8, 8),
                Attr.ints("strides", 8, 8));
        w.node("Conv", vaeOutput, List.of("pooled", "enc"), Attr.ints("kernel_shape", 1, 1));
        return w.build("tiny-vae-encoder", List.of(new Value("sample", FLOAT, 1L, 3L, null, null)),
                List.of(new Value(vaeOutput, FLOAT, 1L, (long) rows, null, null)));
    }

    private byte[] vaeDecoder() {
        OnnxWriter w = new OnnxWriter();
        float[] weights = new float[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                weights[r * 4 + c] = DECODE[r][c];
            }
        }
        w.initializer("dec", new long[] {3, 4, 1, 1}, weights);
        w.initializer("scales", new long[] {4}, new float[] {1, 1, 8, 8});
        w.node("Conv", "rgb", List.of("latent_sample", "dec"), Attr.ints("kernel_shape", 1, 1));
        w.node("Resize", "sample", List.of("rgb", "", "scales"), Attr.s("mode", "nearest"),
                Attr.s("coordinate_transformation_mode", "asymmetric"), Attr.s("nearest_mode", "floor"));
        return w.build("tiny-vae-decoder", List.of(new Value("latent_sample", FLOAT, 1L, 4L, null, null)),
                List.of(new Value("sample", FLOAT, 1L, 3L, null, null)));
    }

    private static void tokenizer(Path dir) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < VOCAB.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(VOCAB.get(i)).append("\":").append(i);
        }
        write(dir.resolve("vocab.json"), json.append('}').toString());
        write(dir.resolve("merges.txt"), "#version: 0.2\nl o\nlo w</w>\ne r</w>\n");
        write(dir.resolve("special_tokens_map.json"), "{\"unk_token\": \"<unk>\"}");
    }

    static void write(Path file, String text) {
        write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
