package dev.atelier.inference.diffusion;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.atelier.inference.models.ModelException;
import dev.atelier.inference.models.SavedModelSignature;
import dev.atelier.inference.models.onnx.OnnxSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Stable Diffusion model folder holds, read before anything is loaded: a diffusers ONNX export or an optimum
 * export ({@code model_index.json}, {@code text_encoder/}, {@code unet/}, {@code vae_encoder/},
 * {@code vae_decoder/}, {@code tokenizer/}, {@code scheduler/}, for SDXL also {@code text_encoder_2/} and
 * {@code tokenizer_2/}). Each component is {@code model.onnx} (its inputs and outputs read by
 * {@link OnnxSignature}) or a SavedModel folder ({@code saved_model.pb}, its {@code serving_default} signature read
 * by {@link SavedModelSignature}); both use the diffusers tensor names and NCHW. All parts must have the same format:
 * ONNX parts run on ONNX Runtime, SavedModel parts on TensorFlow ({@link #format}).
 *
 * <p>{@link #describe} never throws for an incomplete folder: it lists each problem as one line naming the file
 * ({@link #problems}); {@link #requireRunnable} turns them into a {@link ModelException}.
 *
 * @param family SD 1.x, 2.x or SDXL, from {@code unet/config.json} {@code cross_attention_dim} (768, 1024, 2048;
 *     the UNet's {@code encoder_hidden_states} width when there is no config) or a second text encoder
 * @param inpainting the UNet takes 9 channels (latents, mask, masked-image latents)
 * @param vaeScalingFactor {@code scaling_factor} of the VAE's {@code config.json}, else the family's (0.18215,
 *     SDXL 0.13025)
 * @param latentChannels the VAE's {@code latent_channels} (4 when not said)
 * @param unetInChannels 4, or 9 for an inpainting UNet
 * @param textEncoder2 SDXL's second text encoder, else {@code null}
 * @param vaeEncoder {@code null} when absent (txt2img only)
 * @param timestep the UNet's {@code timestep} input: ONNX element type and rank (0 or 1)
 * @param inputIdsType the text encoder's {@code input_ids} element type ({@link #INT32} or {@link #INT64})
 * @param vaeEncoderOutput {@code latent_sample} (4 channels, sampled in the graph) or {@code latent_parameters}
 *     (mean ‖ log-variance, 8 channels; the pipeline takes the mean)
 * @param schedulerConfig {@code scheduler/scheduler_config.json}, or {@code null} (SD 1.5's values apply)
 * @param xl SDXL's extra conditioning (which encoder outputs feed it, the pooled width), else {@code null}
 */
public record SdModelLayout(
        Path folder,
        SdFamily family,
        boolean inpainting,
        double vaeScalingFactor,
        int latentChannels,
        int unetInChannels,
        int crossAttentionDim,
        Component textEncoder,
        Component textEncoder2,
        Component unet,
        Component vaeEncoder,
        Component vaeDecoder,
        Path tokenizer,
        Path tokenizer2,
        Path schedulerConfig,
        TensorSpec timestep,
        int inputIdsType,
        String vaeEncoderOutput,
        Xl xl,
        List<String> problems) {

    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int DOUBLE = 11;

    /** Stable Diffusion generations, told apart by their text conditioning. */
    public enum SdFamily {
        SD1("Stable Diffusion 1.x", 768, 0.18215, 512),
        SD2("Stable Diffusion 2.x", 1024, 0.18215, 512),
        SDXL("Stable Diffusion XL", 2048, 0.13025, 1024);

        private final String label;
        private final int crossAttentionDim;
        private final double scalingFactor;
        private final int side;

        SdFamily(String label, int crossAttentionDim, double scalingFactor, int side) {
            this.label = label;
            this.crossAttentionDim = crossAttentionDim;
            this.scalingFactor = scalingFactor;
            this.side = side;
        }

        /**
         * The longer side to generate at: what the base models were trained on (512 for SD 1.x and 2.x base — the
         * 768-px SD 2.x models also work there —, 1024 for SDXL, which degrades visibly at 512).
         */
        public int defaultSide() {
            return side;
        }

        public String label() {
            return label;
        }

        /** The usual VAE scaling factor, used when the VAE's config does not say. */
        public double defaultScalingFactor() {
            return scalingFactor;
        }

        static Optional<SdFamily> byCrossAttention(int dim) {
            for (SdFamily f : values()) {
                if (f.crossAttentionDim == dim) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** The format of a model's parts. */
    public enum Format {
        ONNX("ONNX"),
        SAVED_MODEL("TensorFlow SavedModel");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One model part: its sub-folder name, the file or folder to load, and its signature (for a SavedModel, that of
     * {@code serving_default}).
     */
    public record Component(String name, Path model, OnnxSignature signature) {

        /** True for an ONNX file, false for a SavedModel folder. */
        public boolean isOnnx() {
            return !Files.isDirectory(model);
        }

        public Format format() {
            return isOnnx() ? Format.ONNX : Format.SAVED_MODEL;
        }

        /** The part's file relative to the model folder, for messages: {@code unet/model.onnx}. */
        public String file() {
            return name + (isOnnx() ? "/model.onnx" : "/saved_model.pb");
        }
    }

    /**
     * What SDXL feeds its UNet besides {@code encoder_hidden_states}, read from the signatures and configs. The
     * prompt embedding is the concatenation (per token) of {@code hidden1} of {@code text_encoder/} and
     * {@code hidden2} of {@code text_encoder_2/} (the penultimate layers, {@code hidden_states.(layers−1)}); the
     * UNet's {@code text_embeds} is encoder 2's {@code text_embeds} output and {@code time_ids} are 6 numbers.
     *
     * @param inputIds2Type element type of {@code text_encoder_2/}'s {@code input_ids}
     * @param pooledDim width of {@code text_embeds} (1280 for SDXL base), or -1 when nothing says
     * @param zerosForEmptyNegative {@code force_zeros_for_empty_prompt} of {@code model_index.json} (default true):
     *     an empty negative prompt is all-zero embeddings rather than the encoding of ""
     * @param notices departures from diffusers the user should know of (logged when the pipeline opens)
     */
    public record Xl(String hidden1, String hidden2, int inputIds2Type, int pooledDim, boolean zerosForEmptyNegative,
            List<String> notices) {

        /** The number of {@code time_ids}: original size, crop corner, target size (diffusers' base model). */
        public static final int TIME_IDS = 6;

        public Xl {
            notices = List.copyOf(notices);
        }
    }

    /** A model input's ONNX element type and rank. */
    public record TensorSpec(int elemType, int rank) {}

    public SdModelLayout {
        problems = List.copyOf(problems);
    }

    /** The format of the model's parts (of its UNet when it has none, or mixes formats, which is a problem). */
    public Format format() {
        return unet != null ? unet.format() : textEncoder != null ? textEncoder.format() : Format.ONNX;
    }

    /** True when nothing needed for txt2img is missing. */
    public boolean isRunnable() {
        return problems.isEmpty();
    }

    /** True when images can be encoded (img2img, retouch, expand). */
    public boolean canEncodeImages() {
        return vaeEncoder != null;
    }

    /**
     * Throws when the folder cannot run.
     *
     * @throws ModelException whose message lists every problem, one line each
     */
    public void requireRunnable() throws ModelException {
        if (!problems.isEmpty()) {
            throw new ModelException(folder + " is not a usable Stable Diffusion model: "
                    + String.join("; ", problems));
        }
    }

    /**
     * Describes the model in {@code folder}; reads JSON configs and ONNX signatures only.
     *
     * @throws ModelException when {@code folder} is not a folder
     */
    public static SdModelLayout describe(Path folder) throws ModelException {
        if (!Files.isDirectory(folder)) {
            throw new ModelException(folder + " is not a folder");
        }
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(folder.resolve("model_index.json"))) {
            problems.add("model_index.json is missing");
        }
        Component text = component(folder, "text_encoder", true, problems);
        Component text2 = component(folder, "text_encoder_2", false, problems);
        Component unet = component(folder, "unet", true, problems);
        Component vaeEncoder = component(folder, "vae_encoder", false, problems);
        Component vaeDecoder = component(folder, "vae_decoder", true, problems);
        Path tokenizer = tokenizer(folder, "tokenizer", true, problems);
        List<Component> parts = new ArrayList<>();
        for (Component c : new Component[] {text, text2, unet, vaeEncoder, vaeDecoder}) {
            if (c != null) {
                parts.add(c);
            }
        }
        if (parts.stream().map(Component::format).distinct().count() > 1) {
            List<String> files = parts.stream().map(Component::file).toList();
            problems.add("parts mix ONNX and SavedModel (" + String.join(", ", files)
                    + "); export every part in one format");
        }
        Path scheduler = folder.resolve("scheduler").resolve("scheduler_config.json");
        if (!Files.isRegularFile(scheduler)) {
            scheduler = null;
        }

        Optional<JsonObject> unetConfig = config(folder, "unet", problems);
        OnnxSignature.Value sample = input(unet, "sample", problems);
        OnnxSignature.Value hidden = input(unet, "encoder_hidden_states", problems);
        OnnxSignature.Value timestepIn = input(unet, "timestep", problems);
        output(unet, "out_sample", problems);

        int inChannels = unetConfig.flatMap(c -> integer(c, "in_channels"))
                .orElse(sample == null || sample.dim(1) < 0 ? 4 : (int) sample.dim(1));
        int crossDim = unetConfig.flatMap(c -> integer(c, "cross_attention_dim"))
                .orElse(hidden == null ? -1 : (int) hidden.dim(2));
        SdFamily family;
        if (text2 != null || crossDim == 2048) {
            family = SdFamily.SDXL;
            if (text2 == null) {
                problems.add(Files.isDirectory(folder.resolve("text_encoder_2"))
                        ? "text_encoder_2/model.onnx (or saved_model.pb) is missing"
                        : "text_encoder_2/ is missing (Stable Diffusion XL needs its second text encoder)");
            }
        } else {
            family = SdFamily.byCrossAttention(crossDim).orElse(null);
            if (family == null && unet != null) {
                problems.add("unet: cross_attention_dim " + (crossDim < 0 ? "unknown (no unet/config.json)"
                        : crossDim) + " is not Stable Diffusion 1.x (768), 2.x (1024) or XL (2048)");
            }
        }
        Path tokenizer2 = null;
        if (family == SdFamily.SDXL) {
            if (Files.isDirectory(folder.resolve("tokenizer_2"))) {
                tokenizer2 = tokenizer(folder, "tokenizer_2", true, problems);
            } else {
                problems.add("tokenizer_2/ is missing (Stable Diffusion XL needs its second tokenizer)");
            }
        }
        if (inChannels != 4 && inChannels != 9) {
            problems.add("unet: in_channels " + inChannels + " is neither 4 (regular) nor 9 (inpainting)");
        }

        Optional<JsonObject> vaeConfig = config(folder, "vae_decoder", problems).or(() -> config(folder,
                "vae_encoder", problems)).or(() -> config(folder, "vae", problems));
        double scaling = vaeConfig.flatMap(c -> number(c, "scaling_factor"))
                .orElse(family == null ? SdFamily.SD1.defaultScalingFactor() : family.defaultScalingFactor());
        int latentChannels = vaeConfig.flatMap(c -> integer(c, "latent_channels")).orElse(4);

        TensorSpec timestep = new TensorSpec(FLOAT, 1);
        if (timestepIn != null) {
            timestep = new TensorSpec(timestepIn.elemType(), timestepIn.rank());
            if (!List.of(FLOAT, INT32, INT64, DOUBLE).contains(timestepIn.elemType()) || timestepIn.rank() > 1) {
                problems.add(unet.file() + ": timestep of element type " + timestepIn.elemType() + " and rank "
                        + timestepIn.rank() + " is not supported (float, double, int32 or int64; rank 0 or 1)");
            }
        }
        int idsType = INT32;
        OnnxSignature.Value ids = input(text, "input_ids", problems);
        if (ids != null) {
            idsType = ids.elemType();
            if (idsType != INT32 && idsType != INT64) {
                problems.add(text.file() + ": input_ids of element type " + idsType
                        + " is not supported (int32 or int64)");
            }
        }
        Xl xl = null;
        if (family == SdFamily.SDXL) {
            xl = XlLayout.describe(folder, text, text2, unet, unetConfig, problems);
        } else {
            output(text, "last_hidden_state", problems);
        }
        String encoderOutput = "latent_sample";
        if (vaeEncoder != null) {
            input(vaeEncoder, "sample", problems);
            if (vaeEncoder.signature().output("latent_sample").isEmpty()) {
                if (vaeEncoder.signature().output("latent_parameters").isPresent()) {
                    encoderOutput = "latent_parameters";
                } else {
                    problems.add(vaeEncoder.file() + " has neither a latent_sample nor a latent_parameters output");
                }
            }
        }
        input(vaeDecoder, "latent_sample", problems);
        output(vaeDecoder, "sample", problems);

        return new SdModelLayout(folder, family, inChannels == 9, scaling, latentChannels, inChannels, crossDim,
                text, text2, unet, vaeEncoder, vaeDecoder, tokenizer, tokenizer2, scheduler, timestep, idsType,
                encoderOutput, xl, problems);
    }

    private static Component component(Path folder, String name, boolean required, List<String> problems) {
        Path dir = folder.resolve(name);
        Path onnx = dir.resolve("model.onnx");
        if (Files.isRegularFile(onnx)) {
            try {
                return new Component(name, onnx, OnnxSignature.read(onnx));
            } catch (ModelException e) {
                problems.add(name + "/model.onnx: " + e.getMessage());
                return null;
            }
        }
        if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            try {
                return new Component(name, dir, SavedModelSignature.read(dir));
            } catch (ModelException e) {
                problems.add(name + "/saved_model.pb: " + e.getMessage());
                return null;
            }
        }
        if (required) {
            problems.add(Files.isDirectory(dir) ? name + "/model.onnx (or saved_model.pb) is missing"
                    : name + "/ is missing");
        }
        return null;
    }

    private static Path tokenizer(Path folder, String name, boolean required, List<String> problems) {
        Path dir = folder.resolve(name);
        for (String file : List.of("vocab.json", "merges.txt")) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                if (required) {
                    problems.add(name + "/" + file + " is missing");
                }
                return null;
            }
        }
        return dir;
    }

    static OnnxSignature.Value input(Component c, String name, List<String> problems) {
        if (c == null) {
            return null;
        }
        Optional<OnnxSignature.Value> v = c.signature().input(name);
        if (v.isEmpty()) {
            problems.add(c.file() + " has no input named " + name);
        }
        return v.orElse(null);
    }

    static void output(Component c, String name, List<String> problems) {
        if (c != null && c.signature().output(name).isEmpty()) {
            problems.add(c.file() + " has no output named " + name);
        }
    }

    static Optional<JsonObject> config(Path folder, String component, List<String> problems) {
        return json(folder.resolve(component).resolve("config.json"), component + "/config.json", problems);
    }

    /** The JSON object in {@code file}, empty when absent; a problem naming {@code label} when malformed. */
    static Optional<JsonObject> json(Path file, String label, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject());
        } catch (IOException | JsonParseException | IllegalStateException e) {
            String problem = label + " is not a JSON object: " + e.getMessage();
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
            return Optional.empty();
        }
    }

    static Optional<Integer> integer(JsonObject o, String key) {
        return number(o, key).map(Double::intValue);
    }

    private static Optional<Double> number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return Optional.of(e.getAsDouble());
        }
        return Optional.empty();
    }
}
