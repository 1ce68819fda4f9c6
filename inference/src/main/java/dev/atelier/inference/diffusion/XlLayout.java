package dev.atelier.inference.diffusion;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.atelier.inference.diffusion.SdModelLayout.Component;
import dev.atelier.inference.diffusion.SdModelLayout.Xl;
import dev.atelier.inference.models.onnx.OnnxSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an SDXL folder feeds its UNet beyond SD 1.x's inputs ({@link Xl}): which outputs of the two text
 * encoders are the penultimate layers, the pooled width and the {@code time_ids} count, each problem one line naming
 * the file, as {@link SdModelLayout#describe} does for the rest.
 */
final class XlLayout {

    /** optimum's names for the hidden states when exported with {@code output_hidden_states}. */
    private static final Pattern HIDDEN = Pattern.compile("hidden_states\\.(\\d+)");

    private XlLayout() {}

    static Xl describe(Path folder, Component text, Component text2, Component unet,
            Optional<JsonObject> unetConfig, List<String> problems) {
        List<String> notices = new ArrayList<>();
        String hidden1 = penultimate(folder, text, problems, notices);
        String hidden2 = penultimate(folder, text2, problems, notices);
        int ids2 = SdModelLayout.INT64;
        OnnxSignature.Value ids = SdModelLayout.input(text2, "input_ids", problems);
        if (ids != null) {
            ids2 = ids.elemType();
            if (ids2 != SdModelLayout.INT32 && ids2 != SdModelLayout.INT64) {
                problems.add(text2.file() + ": input_ids of element type " + ids2
                        + " is not supported (int32 or int64)");
            }
        }
        OnnxSignature.Value pooledOut = null;
        if (text2 != null) {
            pooledOut = text2.signature().output("text_embeds").orElse(null);
            if (pooledOut == null) {
                problems.add(text2.file() + " has no output named text_embeds (export it with its projection: "
                        + "CLIPTextModelWithProjection)");
            }
        }
        OnnxSignature.Value pooledIn = SdModelLayout.input(unet, "text_embeds", problems);
        OnnxSignature.Value timeIds = SdModelLayout.input(unet, "time_ids", problems);
        if (timeIds != null && timeIds.dim(1) > 0 && timeIds.dim(1) != Xl.TIME_IDS) {
            problems.add(unet.file() + ": time_ids takes " + timeIds.dim(1) + " values, not the base model's "
                    + Xl.TIME_IDS + " (a refiner's aesthetic-score conditioning is not supported)");
        }
        int pooledDim = pooledWidth(pooledIn, unetConfig);
        int encoderDim = pooledOut != null && pooledOut.dim(1) > 0 ? (int) pooledOut.dim(1)
                : SdModelLayout.config(folder, "text_encoder_2", problems)
                        .flatMap(c -> SdModelLayout.integer(c, "projection_dim")).orElse(-1);
        if (pooledDim > 0 && encoderDim > 0 && pooledDim != encoderDim) {
            problems.add("text_encoder_2 gives " + encoderDim + " pooled values (text_embeds) but the unet takes "
                    + pooledDim);
        }
        return new Xl(hidden1, hidden2, ids2, pooledDim > 0 ? pooledDim : encoderDim, zerosForEmpty(folder,
                problems), notices);
    }

    /**
     * The UNet's {@code text_embeds} width: its signature's, else {@code projection_class_embeddings_input_dim −
     * 6 × addition_time_embed_dim} from {@code unet/config.json} (2816 − 6·256 = 1280 for SDXL base), else -1.
     */
    private static int pooledWidth(OnnxSignature.Value in, Optional<JsonObject> unetConfig) {
        if (in != null && in.dim(1) > 0) {
            return (int) in.dim(1);
        }
        return unetConfig.flatMap(c -> SdModelLayout.integer(c, "projection_class_embeddings_input_dim")
                .flatMap(p -> SdModelLayout.integer(c, "addition_time_embed_dim")
                        .map(a -> p - Xl.TIME_IDS * a))).orElse(-1);
    }

    /**
     * The output holding the penultimate layer (diffusers' {@code hidden_states[-2]}): {@code hidden_states.(L−1)}
     * with L the encoder's {@code num_hidden_layers} (from its {@code config.json}, else the highest exported
     * index). Without exported hidden states, {@code last_hidden_state} with a notice.
     */
    private static String penultimate(Path folder, Component c, List<String> problems, List<String> notices) {
        if (c == null) {
            return "last_hidden_state";
        }
        TreeSet<Integer> exported = new TreeSet<>();
        for (OnnxSignature.Value v : c.signature().outputs()) {
            Matcher m = HIDDEN.matcher(v.name());
            if (m.matches()) {
                exported.add(Integer.parseInt(m.group(1)));
            }
        }
        if (exported.isEmpty()) {
            SdModelLayout.output(c, "last_hidden_state", problems);
            notices.add(c.file() + " exports no hidden_states.N outputs: its last_hidden_state is used instead of "
                    + "the penultimate layer SDXL was trained with, so results differ from diffusers' (re-export "
                    + "with output_hidden_states)");
            return "last_hidden_state";
        }
        int layers = SdModelLayout.config(folder, c.name(), problems)
                .flatMap(j -> SdModelLayout.integer(j, "num_hidden_layers")).orElse(exported.last());
        String name = "hidden_states." + (layers - 1);
        if (!exported.contains(layers - 1)) {
            problems.add(c.file() + " has no output named " + name + " (the penultimate of " + layers
                    + " layers; it has hidden_states." + exported.first() + " to " + exported.last() + ")");
        }
        return name;
    }

    /** {@code force_zeros_for_empty_prompt} of {@code model_index.json}; true when absent, as in diffusers. */
    private static boolean zerosForEmpty(Path folder, List<String> problems) {
        Path index = folder.resolve("model_index.json");
        Optional<JsonObject> json = SdModelLayout.json(index, "model_index.json", problems);
        JsonElement e = json.map(j -> j.get("force_zeros_for_empty_prompt")).orElse(null);
        return e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean() || e.getAsBoolean();
    }
}
