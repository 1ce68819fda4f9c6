package dev.atelier.inference.models.esrgan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.inference.models.onnx.OnnxWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a TFJS layers model (Keras functional {@code model.json} plus little-endian float32 weight shards) to an
 * NCHW ONNX model. Covers the layers of the UpscalerJS ESRGAN family: InputLayer, Conv2D (stride 1, dilation 1,
 * {@code same}/{@code valid}, linear/relu), Activation(relu), Concatenate, Add, UpSampling2D(nearest) and the two
 * custom layers {@code MultiplyBeta} (×0.2) and {@code PixelShuffle<N>x} (depth-to-space, DCR order).
 * Anything else is refused with the layer's name, so an unknown model never converts silently wrong.
 */
public final class TfjsToOnnx {


    private TfjsToOnnx() {}

    /** Reads {@code modelJson} (shards beside it) and returns the ONNX model bytes. */
    public static byte[] convert(Path modelJson) throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(modelJson)).getAsJsonObject();
        Map<String, float[]> weights = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        TfjsLayers.readWeights(root, modelJson.getParent(), weights, shapes);
        return convert(root, weights, shapes);
    }

    static byte[] convert(JsonObject root, Map<String, float[]> weights, Map<String, long[]> shapes)
            throws IOException {
        JsonObject config = root.getAsJsonObject("modelTopology").getAsJsonObject("model_config")
                .getAsJsonObject("config");
        OnnxWriter w = new OnnxWriter();
        Map<String, Integer> channels = new HashMap<>();
        String input = null;
        String output = config.getAsJsonArray("output_layers").get(0).getAsJsonArray().get(0).getAsString();
        for (JsonElement e : config.getAsJsonArray("layers")) {
            JsonObject layer = e.getAsJsonObject();
            String type = layer.get("class_name").getAsString();
            String name = layer.get("name").getAsString();
            JsonObject c = layer.getAsJsonObject("config");
            List<String> in = TfjsLayers.inbound(layer);
            String out = name.equals(output) ? "output" : name;
            Matcher shuffle = TfjsLayers.PIXEL_SHUFFLE.matcher(type);
            switch (type) {
                case "InputLayer" -> {
                    input = name;
                    channels.put(name, 3);
                    w.node("Identity", name, List.of("input"));
                }
                case "Conv2D" -> {
                    String kernelName = name + "/kernel";
                    float[] k = TfjsLayers.require(weights, kernelName);
                    long[] ks = shapes.get(kernelName); // H, W, I, O
                    int kh = (int) ks[0], kw = (int) ks[1], ci = (int) ks[2], co = (int) ks[3];
                    TfjsLayers.checkOnes(c, "strides", name);
                    TfjsLayers.checkOnes(c, "dilation_rate", name);
                    String pad = c.get("padding").getAsString();
                    if (pad.equals("same") && (kh % 2 == 0 || kw % 2 == 0)) {
                        throw new IOException(name + ": even kernel with same padding is not supported");
                    }
                    long ph = pad.equals("same") ? (kh - 1) / 2 : 0;
                    long pw = pad.equals("same") ? (kw - 1) / 2 : 0;
                    if (!pad.equals("same") && !pad.equals("valid")) {
                        throw new IOException(name + ": padding " + pad);
                    }
                    float[] oihw = new float[k.length];
                    for (int y = 0; y < kh; y++) {
                        for (int x = 0; x < kw; x++) {
                            for (int i = 0; i < ci; i++) {
                                for (int o = 0; o < co; o++) {
                                    oihw[((o * ci + i) * kh + y) * kw + x] = k[((y * kw + x) * ci + i) * co + o];
                                }
                            }
                        }
                    }
                    List<String> args = new ArrayList<>(List.of(in.get(0),
                            w.initializer(name + "_W", new long[] {co, ci, kh, kw}, oihw)));
                    boolean bias = !c.has("use_bias") || c.get("use_bias").getAsBoolean();
                    if (bias) {
                        args.add(w.initializer(name + "_B", new long[] {co}, TfjsLayers.require(weights, name + "/bias")));
                    }
                    String act = c.has("activation") ? c.get("activation").getAsString() : "linear";
                    String convOut = act.equals("linear") ? out : name + "_pre";
                    w.node("Conv", convOut, args, OnnxWriter.Attr.ints("kernel_shape", kh, kw),
                            OnnxWriter.Attr.ints("pads", ph, pw, ph, pw), OnnxWriter.Attr.ints("strides", 1, 1),
                            OnnxWriter.Attr.ints("dilations", 1, 1));
                    activation(w, act, convOut, out, name);
                    channels.put(name, co);
                }
                case "Activation" -> {
                    activation(w, c.get("activation").getAsString(), in.get(0), out, name);
                    channels.put(name, channels.get(in.get(0)));
                }
                case "Concatenate" -> {
                    int axis = c.has("axis") ? c.get("axis").getAsInt() : -1;
                    if (axis != -1 && axis != 3) {
                        throw new IOException(name + ": concatenation on axis " + axis + " is not supported");
                    }
                    w.node("Concat", out, in, OnnxWriter.Attr.i("axis", 1));
                    channels.put(name, in.stream().mapToInt(channels::get).sum());
                }
                case "Add" -> {
                    w.node(in.size() == 2 ? "Add" : "Sum", out, in);
                    channels.put(name, channels.get(in.get(0)));
                }
                case "UpSampling2D" -> {
                    String interp = c.has("interpolation") ? c.get("interpolation").getAsString() : "nearest";
                    if (!interp.equals("nearest")) {
                        throw new IOException(name + ": " + interp + " upsampling is not supported");
                    }
                    JsonArray size = c.getAsJsonArray("size");
                    String scales = w.initializer(name + "_scales", new long[] {4}, new float[] {1, 1,
                            size.get(0).getAsFloat(), size.get(1).getAsFloat()});
                    w.node("Resize", out, List.of(in.get(0), "", scales), OnnxWriter.Attr.s("mode", "nearest"),
                            OnnxWriter.Attr.s("coordinate_transformation_mode", "asymmetric"),
                            OnnxWriter.Attr.s("nearest_mode", "floor"));
                    channels.put(name, channels.get(in.get(0)));
                }
                case "MultiplyBeta" -> {
                    String beta = w.initializer(name + "_beta", new long[0], new float[] {TfjsLayers.BETA});
                    w.node("Mul", out, List.of(in.get(0), beta));
                    channels.put(name, channels.get(in.get(0)));
                }
                default -> {
                    if (!shuffle.matches()) {
                        throw new IOException("layer " + name + " has unsupported type " + type);
                    }
                    int s = Integer.parseInt(shuffle.group(1));
                    w.node("DepthToSpace", out, List.of(in.get(0)), OnnxWriter.Attr.i("blocksize", s),
                            OnnxWriter.Attr.s("mode", "DCR"));
                    channels.put(name, channels.get(in.get(0)) / (s * s));
                }
            }
        }
        if (input == null || !channels.containsKey(output)) {
            throw new IOException("model has no input layer or no output layer " + output);
        }
        return w.build("atelier-tfjs-import", "input", 3, "output", channels.get(output));
    }

    private static void activation(OnnxWriter w, String act, String in, String out, String layer)
            throws IOException {
        switch (act) {
            case "linear" -> {
                if (!in.equals(out)) {
                    w.node("Identity", out, List.of(in));
                }
            }
            case "relu" -> w.node("Relu", out, List.of(in));
            default -> throw new IOException(layer + ": activation " + act + " is not supported");
        }
    }
}
