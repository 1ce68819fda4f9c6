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
 *   <li>SDXL ({@link #sdxl}): two text encoders with {@code hidden_states.0..2} ({@code sin(a)}, {@code cos(a)},
 *       {@code sin(2a)}, the last also {@code last_hidden_state}; {@code a = id_p · f·(j+1)}, f 0.01 and width
 *       {@link #WIDTH} for encoder 1, 0.02 and {@link #WIDTH2} for encoder 2), encoder 2's {@code text_embeds} the
 *       token mean of its last layer's first {@link #POOLED} columns; the UNet adds
 *       {@code 0.5·mean(text_embeds) + Σ time_ids·}{@link #TIME_WEIGHTS}; {@code tokenizer_2} pads with "!" (id 0)
 *       and numbers the vocabulary one higher;
 *   <li>VAE encoder: 8×8 average pooling then the 3→4 channel matrix {@link #ENCODE} (plus 4 log-variance rows for
 *       {@code latent_parameters}); VAE decoder: the 4→3 matrix {@link #DECODE} (its left inverse) then nearest ×8.
 * </ul>
 */
final class TinySd {

    static final int WIDTH = 8;
    /** SDXL's second encoder: hidden width and pooled width (1280 and 1280 in the real model). */
    static final int WIDTH2 = 12;
    static final int POOLED = 6;
    static final float POOLED_WEIGHT = 0.5f;
    static final float[] TIME_WEIGHTS = {1e-4f, 2e-4f, 3e-4f, 4e-4f, 5e-4f, 6e-4f};
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
    /** SDXL's encoders export {@code hidden_states.N} (optimum's {@code output_hidden_states}). */
    boolean hiddenStates = true;
    /** {@code force_zeros_for_empty_prompt} written into {@code model_index.json}; null leaves it out. */
    Boolean forceZeros;
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
        write(dir.resolve("model_index.json"), sdxl ? "{\"_class_name\": \"StableDiffusionXLPipeline\""
                + (forceZeros == null ? "" : ", \"force_zeros_for_empty_prompt\": " + forceZeros) + "}"
                : "{\"_class_name\": \"OnnxStableDiffusionPipeline\"}");
        write(dir.resolve("scheduler/scheduler_config.json"), "{\"_class_name\": \"PNDMScheduler\", "
                + "\"beta_schedule\": \"scaled_linear\", \"beta_start\": 0.00085, \"beta_end\": 0.012, "
                + "\"steps_offset\": 1, \"set_alpha_to_one\": false, \"clip_sample\": false}");
        write(dir.resolve("unet/config.json"), "{\"in_channels\": " + (inpainting ? 9 : 4)
                + ", \"cross_attention_dim\": " + (sdxl ? 2048 : crossAttentionDim)
                + (sdxl ? ", \"addition_time_embed_dim\": 256, \"projection_class_embeddings_input_dim\": "
                        + (6 * 256 + POOLED) : "") + "}");
        write(dir.resolve("vae_decoder/config.json"), scalingFactor == null ? "{\"latent_channels\": 4}"
                : "{\"latent_channels\": 4, \"scaling_factor\": " + scalingFactor + "}");
        tokenizer(dir.resolve("tokenizer"), false);
        if (sdxl) {
            tokenizer(dir.resolve("tokenizer_2"), true);
            write(dir.resolve("text_encoder/config.json"), "{\"num_hidden_layers\": 2}");
            write(dir.resolve("text_encoder_2/config.json"), "{\"num_hidden_layers\": 2, \"projection_dim\": "
                    + POOLED + "}");
        }
        if (savedModel) {
            if (sdxl) {
                TinySdSavedModels.xlTextEncoder(dir.resolve("text_encoder"), this, idsType, WIDTH, 0.01f, 0);
                TinySdSavedModels.xlTextEncoder(dir.resolve("text_encoder_2"), this, INT64, WIDTH2, 0.02f, POOLED);
            } else {
                TinySdSavedModels.textEncoder(dir.resolve("text_encoder"), idsType);
            }
            TinySdSavedModels.unet(dir.resolve("unet"), this);
            if (vaeEncoder) {
                TinySdSavedModels.vaeEncoder(dir.resolve("vae_encoder"), vaeOutput);
            }
            TinySdSavedModels.vaeDecoder(dir.resolve("vae_decoder"));
            return dir;
        }
        if (sdxl) {
            write(dir.resolve("text_encoder/model.onnx"), xlTextEncoder(idsType, WIDTH, 0.01f, 0));
            write(dir.resolve("text_encoder_2/model.onnx"), xlTextEncoder(INT64, WIDTH2, 0.02f, POOLED));
        } else {
            write(dir.resolve("text_encoder/model.onnx"), textEncoder(idsType));
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

    /** SDXL's penultimate-layer embedding of one id ({@code cos}), for encoder 1 or 2. */
    static float xlEmbedding(int encoder, int id, int j) {
        float f = encoder == 1 ? 0.01f : 0.02f;
        return (float) Math.cos((float) id * (f * (j + 1)));
    }

    /** SDXL's last-layer embedding of one id ({@code sin(2a)}), for encoder 1 or 2. */
    static float xlLast(int encoder, int id, int j) {
        float f = encoder == 1 ? 0.01f : 0.02f;
        return (float) Math.sin((float) id * (f * (j + 1)) * 2f);
    }

    /**
     * An SDXL text encoder: {@code hidden_states.0..2} (unless {@link #hiddenStates} is off), {@code last_hidden_state}
     * and, when {@code pooled > 0}, {@code text_embeds} (CLIPTextModelWithProjection's).
     */
    private byte[] xlTextEncoder(int type, int width, float f, int pooled) {
        OnnxWriter w = new OnnxWriter();
        float[] freq = new float[width];
        for (int j = 0; j < width; j++) {
            freq[j] = f * (j + 1);
        }
        w.initializer("freq", new long[] {width}, freq);
        w.initializer("axis2", new long[] {1}, new long[] {2});
        w.initializer("two", new long[0], new float[] {2});
        w.node("Cast", "idsf", List.of("input_ids"), Attr.i("to", FLOAT));
        w.node("Unsqueeze", "ids3", List.of("idsf", "axis2"));
        w.node("Mul", "angles", List.of("ids3", "freq"));
        w.node("Mul", "angles2", List.of("angles", "two"));
        w.node("Sin", "last_hidden_state", List.of("angles2"));
        List<Value> outputs = new java.util.ArrayList<>();
        outputs.add(new Value("last_hidden_state", FLOAT, null, null, (long) width));
        if (hiddenStates) {
            w.node("Sin", "hidden_states.0", List.of("angles"));
            w.node("Cos", "hidden_states.1", List.of("angles"));
            w.node("Identity", "hidden_states.2", List.of("last_hidden_state"));
            for (int i = 0; i < 3; i++) {
                outputs.add(new Value("hidden_states." + i, FLOAT, null, null, (long) width));
            }
        }
        if (pooled > 0) {
            w.initializer("p_from", new long[] {1}, new long[] {0});
            w.initializer("p_to", new long[] {1}, new long[] {pooled});
            w.initializer("p_axis", new long[] {1}, new long[] {1});
            w.node("ReduceMean", "token_mean", List.of("last_hidden_state"), Attr.ints("axes", 1),
                    Attr.i("keepdims", 0));
            w.node("Slice", "text_embeds", List.of("token_mean", "p_from", "p_to", "p_axis"));
            outputs.add(0, new Value("text_embeds", FLOAT, null, (long) pooled));
        }
        return w.build("tiny-clip-xl", List.of(new Value("input_ids", type, null, null)), outputs);
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
        } else if (sdxl) {
            w.initializer("pw", new long[0], new float[] {POOLED_WEIGHT});
            w.initializer("tw", new long[] {1, 6}, TIME_WEIGHTS);
            w.node("ReduceMean", "pmean", List.of("text_embeds"), Attr.i("keepdims", 0));
            w.node("Mul", "ppart", List.of("pmean", "pw"));
            w.node("Mul", "tweighted", List.of("time_ids", "tw"));
            w.node("ReduceSum", "tpart", List.of("tweighted"), Attr.i("keepdims", 0));
            w.node("Add", "base", List.of("scaled", "kmean"));
            w.node("Add", "withPooled", List.of("base", "ppart"));
            w.node("Add", "out_sample", List.of("withPooled", "tpart"));
        } else {
            w.node("Add", "out_sample", List.of("scaled", "kmean"));
        }
        Long[] t = timestepRank == 0 ? new Long[0] : new Long[] {1L};
        List<Value> inputs = new java.util.ArrayList<>(List.of(
                new Value("sample", FLOAT, 1L, inpainting ? 9L : 4L, null, null),
                new Value("timestep", timestepType, t),
                new Value(hiddenName, FLOAT, 1L, 77L, (long) (sdxl ? WIDTH + WIDTH2 : WIDTH))));
        if (sdxl) {
            inputs.add(new Value("text_embeds", FLOAT, 1L, (long) POOLED));
            inputs.add(new Value("time_ids", FLOAT, 1L, 6L));
        }
        return w.build("tiny-unet", inputs, List.of(new Value("out_sample", FLOAT, 1L, 4L, null, null)));
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

    /**
     * The tiny vocabulary; {@code xlSecond}: SDXL's {@code tokenizer_2} style, "!" at id 0 (the rest one higher)
     * and named as the pad token.
     */
    private static void tokenizer(Path dir, boolean xlSecond) {
        StringBuilder json = new StringBuilder(xlSecond ? "{\"!\":0" : "{");
        int shift = xlSecond ? 1 : 0;
        for (int i = 0; i < VOCAB.size(); i++) {
            json.append(i + shift == 0 ? "" : ",").append('"').append(VOCAB.get(i)).append("\":").append(i + shift);
        }
        write(dir.resolve("vocab.json"), json.append('}').toString());
        write(dir.resolve("merges.txt"), "#version: 0.2\nl o\nlo w</w>\ne r</w>\n");
        write(dir.resolve("special_tokens_map.json"), xlSecond ? "{\"unk_token\": \"<unk>\", \"pad_token\": \"!\"}"
                : "{\"unk_token\": \"<unk>\"}");
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
