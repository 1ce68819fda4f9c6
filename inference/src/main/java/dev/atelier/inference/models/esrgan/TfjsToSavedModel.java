package dev.atelier.inference.models.esrgan;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Converts a TFJS layers model to a TensorFlow SavedModel (NHWC, like the Keras original): the graph is rebuilt with
 * TF Java ops, weights become constants (so there is no variables checkpoint), signature {@code serving_default}
 * with input {@code input} [N,H,W,3] and output {@code output}. Covers the same layers as {@link TfjsToOnnx} and
 * refuses anything else by name. TensorFlow's natives must be loaded first (the engine does that).
 */
public final class TfjsToSavedModel {

    private TfjsToSavedModel() {}

    /** Reads {@code modelJson} (shards beside it) and exports the SavedModel into the empty folder {@code out}. */
    public static void convert(Path modelJson, Path out) throws IOException {
        TfjsLayers.Model model = TfjsLayers.read(modelJson);
        if (Files.exists(out)) {
            throw new IOException(out + " already exists");
        }
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> input = tf.withName("input").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Operand<TFloat32> output = build(tf, model, input);
            Signature sig = Signature.builder().key("serving_default").input("input", input)
                    .output("output", tf.withName("output").identity(output)).build();
            SavedModelBundle.exporter(out.toString()).withFunction(SessionFunction.create(sig, s)).export();
        }
    }

    private static Operand<TFloat32> build(Ops tf, TfjsLayers.Model model, Operand<TFloat32> input)
            throws IOException {
        Map<String, Operand<TFloat32>> t = new HashMap<>();
        for (JsonObject layer : model.layers()) {
            String type = layer.get("class_name").getAsString();
            String name = layer.get("name").getAsString();
            JsonObject c = layer.getAsJsonObject("config");
            List<Operand<TFloat32>> in = new ArrayList<>();
            for (String n : TfjsLayers.inbound(layer)) {
                Operand<TFloat32> o = t.get(n);
                if (o == null) {
                    throw new IOException("layer " + name + " reads " + n + ", which is not defined before it");
                }
                in.add(o);
            }
            Matcher shuffle = TfjsLayers.PIXEL_SHUFFLE.matcher(type);
            Operand<TFloat32> y = switch (type) {
                case "InputLayer" -> input;
                case "Conv2D" -> conv(tf, model, name, c, in.get(0));
                case "Activation" -> activation(tf, c.get("activation").getAsString(), in.get(0), name);
                case "Concatenate" -> {
                    int axis = c.has("axis") ? c.get("axis").getAsInt() : -1;
                    if (axis != -1 && axis != 3) {
                        throw new IOException(name + ": concatenation on axis " + axis + " is not supported");
                    }
                    yield tf.concat(in, tf.constant(3));
                }
                case "Add" -> in.size() == 2 ? tf.math.add(in.get(0), in.get(1)) : tf.math.addN(in);
                case "UpSampling2D" -> {
                    String interp = c.has("interpolation") ? c.get("interpolation").getAsString() : "nearest";
                    if (!interp.equals("nearest")) {
                        throw new IOException(name + ": " + interp + " upsampling is not supported");
                    }
                    JsonArray size = c.getAsJsonArray("size");
                    // new H, W = shape[1:3] · size, computed in the graph so any tile size works
                    Operand<TInt32> hw = tf.slice(tf.shape(in.get(0)), tf.constant(new int[] {1}),
                            tf.constant(new int[] {2}));
                    yield tf.image.resizeNearestNeighbor(in.get(0), tf.math.mul(hw,
                            tf.constant(new int[] {size.get(0).getAsInt(), size.get(1).getAsInt()})));
                }
                case "MultiplyBeta" -> tf.math.mul(in.get(0), tf.constant(TfjsLayers.BETA));
                default -> {
                    if (!shuffle.matches()) {
                        throw new IOException("layer " + name + " has unsupported type " + type);
                    }
                    // TF's NHWC depth-to-space is the DCR order UpscalerJS's layer uses
                    yield tf.nn.depthToSpace(in.get(0), Long.parseLong(shuffle.group(1)));
                }
            };
            t.put(name, y);
        }
        Operand<TFloat32> out = t.get(model.outputLayer());
        if (out == null) {
            throw new IOException("model has no output layer " + model.outputLayer());
        }
        return out;
    }

    private static Operand<TFloat32> conv(Ops tf, TfjsLayers.Model model, String name, JsonObject c,
            Operand<TFloat32> x) throws IOException {
        String kernelName = name + "/kernel";
        float[] k = TfjsLayers.require(model.weights(), kernelName);
        long[] ks = model.shapes().get(kernelName); // H, W, I, O: TF's own filter layout
        TfjsLayers.checkOnes(c, "strides", name);
        TfjsLayers.checkOnes(c, "dilation_rate", name);
        String pad = c.get("padding").getAsString();
        if (!pad.equals("same") && !pad.equals("valid")) {
            throw new IOException(name + ": padding " + pad);
        }
        if (pad.equals("same") && (ks[0] % 2 == 0 || ks[1] % 2 == 0)) {
            throw new IOException(name + ": even kernel with same padding is not supported");
        }
        Operand<TFloat32> y = tf.nn.conv2d(x, tf.constant(Shape.of(ks), DataBuffers.of(k, true, false)),
                List.of(1L, 1L, 1L, 1L), pad.toUpperCase());
        boolean bias = !c.has("use_bias") || c.get("use_bias").getAsBoolean();
        if (bias) {
            float[] b = TfjsLayers.require(model.weights(), name + "/bias");
            y = tf.nn.biasAdd(y, tf.constant(Shape.of(b.length), DataBuffers.of(b, true, false)));
        }
        return activation(tf, c.has("activation") ? c.get("activation").getAsString() : "linear", y, name);
    }

    private static Operand<TFloat32> activation(Ops tf, String act, Operand<TFloat32> x, String layer)
            throws IOException {
        return switch (act) {
            case "linear" -> x;
            case "relu" -> tf.nn.relu(x);
            default -> throw new IOException(layer + ": activation " + act + " is not supported");
        };
    }
}
