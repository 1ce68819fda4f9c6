package dev.atelier.inference.models.esrgan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reading a TFJS layers model (Keras functional {@code model.json} plus little-endian float32 weight shards), shared
 * by the ONNX and SavedModel converters: weights by name, a layer's inputs, and the checks both make.
 */
final class TfjsLayers {

    /** The factor of UpscalerJS's custom {@code MultiplyBeta} layer. */
    static final float BETA = 0.2f;
    /** UpscalerJS's custom depth-to-space layers, {@code PixelShuffle<N>x}. */
    static final Pattern PIXEL_SHUFFLE = Pattern.compile("PixelShuffle(\\d+)x");

    /** A parsed model: its JSON and its weights (name → values, name → shape). */
    record Model(JsonObject root, Map<String, float[]> weights, Map<String, long[]> shapes) {

        JsonObject config() {
            return root.getAsJsonObject("modelTopology").getAsJsonObject("model_config").getAsJsonObject("config");
        }

        List<JsonObject> layers() {
            List<JsonObject> out = new ArrayList<>();
            for (JsonElement e : config().getAsJsonArray("layers")) {
                out.add(e.getAsJsonObject());
            }
            return out;
        }

        String outputLayer() {
            return config().getAsJsonArray("output_layers").get(0).getAsJsonArray().get(0).getAsString();
        }
    }

    private TfjsLayers() {}

    /** Reads {@code modelJson} and the shards beside it. */
    static Model read(Path modelJson) throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(modelJson)).getAsJsonObject();
        Map<String, float[]> weights = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        readWeights(root, modelJson.getParent(), weights, shapes);
        return new Model(root, weights, shapes);
    }

    static void readWeights(JsonObject root, Path dir, Map<String, float[]> weights, Map<String, long[]> shapes)
            throws IOException {
        for (JsonElement g : root.getAsJsonArray("weightsManifest")) {
            JsonObject group = g.getAsJsonObject();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (JsonElement p : group.getAsJsonArray("paths")) {
                Path shard = dir.resolve(p.getAsString()).normalize();
                if (!shard.startsWith(dir.normalize())) {
                    throw new IOException("weight shard outside the model folder: " + p.getAsString());
                }
                if (!Files.isRegularFile(shard)) {
                    throw new IOException("missing weight shard " + p.getAsString());
                }
                all.writeBytes(Files.readAllBytes(shard));
            }
            ByteBuffer buf = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonElement w : group.getAsJsonArray("weights")) {
                JsonObject spec = w.getAsJsonObject();
                String name = spec.get("name").getAsString();
                String dtype = spec.has("dtype") ? spec.get("dtype").getAsString() : "float32";
                if (!dtype.equals("float32") || spec.has("quantization")) {
                    throw new IOException("weight " + name + " is " + dtype + (spec.has("quantization")
                            ? " (quantized)" : "") + "; only float32 weights are supported");
                }
                JsonArray shapeJson = spec.getAsJsonArray("shape");
                long[] shape = new long[shapeJson.size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeJson.get(i).getAsLong();
                    count *= shape[i];
                }
                if (buf.remaining() < 4 * count) {
                    throw new IOException("weight shards too short for " + name);
                }
                float[] v = new float[(int) count];
                buf.asFloatBuffer().get(v);
                buf.position(buf.position() + 4 * (int) count);
                weights.put(name, v);
                shapes.put(name, shape);
            }
            if (buf.remaining() != 0) {
                throw new IOException("weight shards have " + buf.remaining() + " unexpected trailing bytes");
            }
        }
    }

    static void checkOnes(JsonObject c, String key, String layer) throws IOException {
        if (c.has(key)) {
            for (JsonElement v : c.getAsJsonArray(key)) {
                if (v.getAsInt() != 1) {
                    throw new IOException(layer + ": " + key + " " + c.get(key) + " is not supported");
                }
            }
        }
    }

    static float[] require(Map<String, float[]> weights, String name) throws IOException {
        float[] v = weights.get(name);
        if (v == null) {
            throw new IOException("missing weight " + name);
        }
        return v;
    }

    static List<String> inbound(JsonObject layer) {
        List<String> names = new ArrayList<>();
        JsonArray nodes = layer.getAsJsonArray("inbound_nodes");
        if (nodes != null && nodes.size() > 0) {
            for (JsonElement t : nodes.get(0).getAsJsonArray()) {
                names.add(t.getAsJsonArray().get(0).getAsString());
            }
        }
        return names;
    }
}
