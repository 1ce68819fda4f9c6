package dev.atelier.inference.diffusion;

import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.djl.DjlEngines;
import dev.atelier.inference.engine.djl.DjlRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
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
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * {@link TinySd}'s parts as TensorFlow SavedModels built with TF Java ops: the same maths as the ONNX graphs, with
 * signature {@code serving_default}, the diffusers tensor names and NCHW tensors (transposed to NHWC inside for
 * pooling, 1×1 convolutions and resizing, which TensorFlow's CPU kernels want channels-last).
 */
final class TinySdSavedModels {

    private static final List<Long> ONES = List.of(1L, 1L, 1L, 1L);
    private static final List<Long> EIGHTS = List.of(1L, 8L, 8L, 1L);

    private TinySdSavedModels() {}

    static void textEncoder(Path dir, int idsType) {
        export(dir, tf -> {
            Placeholder<? extends TType> ids = tf.withName("input_ids").placeholder(type(idsType),
                    Placeholder.shape(Shape.of(-1, -1)));
            float[] freq = new float[TinySd.WIDTH];
            for (int j = 0; j < TinySd.WIDTH; j++) {
                freq[j] = 0.01f * (j + 1);
            }
            Operand<TFloat32> angles = tf.math.mul(tf.expandDims(tf.dtypes.cast(ids, TFloat32.class),
                    tf.constant(2)), tf.constant(freq));
            return Signature.builder().input("input_ids", ids)
                    .output("last_hidden_state", tf.withName("last_hidden_state").math.sin(angles));
        });
    }

    /** {@link TinySd}'s SDXL text encoder: the same outputs and closed forms as its ONNX graph. */
    static void xlTextEncoder(Path dir, TinySd sd, int idsType, int width, float f, int pooled) {
        export(dir, tf -> {
            Placeholder<? extends TType> ids = tf.withName("input_ids").placeholder(type(idsType),
                    Placeholder.shape(Shape.of(-1, -1)));
            float[] freq = new float[width];
            for (int j = 0; j < width; j++) {
                freq[j] = f * (j + 1);
            }
            Operand<TFloat32> angles = tf.math.mul(tf.expandDims(tf.dtypes.cast(ids, TFloat32.class),
                    tf.constant(2)), tf.constant(freq));
            Operand<TFloat32> last = tf.withName("last_hidden_state").math.sin(tf.math.mul(angles,
                    tf.constant(2f)));
            Signature.Builder b = Signature.builder().input("input_ids", ids).output("last_hidden_state", last);
            if (sd.hiddenStates) {
                b.output("hidden_states.0", tf.withName("hidden_states.0").math.sin(angles))
                        .output("hidden_states.1", tf.withName("hidden_states.1").math.cos(angles))
                        .output("hidden_states.2", tf.withName("hidden_states.2").identity(last));
            }
            if (pooled > 0) {
                Operand<TFloat32> mean = tf.math.mean(last, tf.constant(1));
                b.output("text_embeds", tf.withName("text_embeds").slice(mean, tf.constant(new int[] {0, 0}),
                        tf.constant(new int[] {-1, pooled})));
            }
            return b;
        });
    }

    static void unet(Path dir, TinySd sd) {
        export(dir, tf -> {
            Placeholder<TFloat32> sample = tf.withName("sample").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(1, sd.inpainting ? 9 : 4, -1, -1)));
            Placeholder<? extends TType> timestep = tf.withName("timestep").placeholder(type(sd.timestepType),
                    Placeholder.shape(sd.timestepRank == 0 ? Shape.scalar() : Shape.of(1)));
            Placeholder<TFloat32> hidden = tf.withName(sd.hiddenName).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(1, 77, sd.sdxl ? TinySd.WIDTH + TinySd.WIDTH2 : TinySd.WIDTH)));
            Operand<TFloat32> t = tf.dtypes.cast(timestep, TFloat32.class);
            Operand<TFloat32> ratio = tf.math.div(t, tf.math.add(t, tf.constant(1f)));
            Operand<TFloat32> x = sd.inpainting ? channels(tf, sample, 0, 4) : sample;
            Operand<TFloat32> kmean = tf.math.mul(tf.math.mean(hidden, tf.constant(new int[] {0, 1, 2})),
                    tf.constant(sd.k));
            Operand<TFloat32> out = tf.math.add(tf.math.mul(x, ratio), kmean);
            if (sd.inpainting) {
                out = tf.math.add(tf.math.add(out, tf.math.mul(channels(tf, sample, 4, 1), tf.constant(0.5f))),
                        tf.math.mul(channels(tf, sample, 5, 4), tf.constant(0.25f)));
            }
            Signature.Builder b = Signature.builder().input("sample", sample).input("timestep", timestep)
                    .input(sd.hiddenName, hidden);
            if (sd.sdxl) {
                Placeholder<TFloat32> pooled = tf.withName("text_embeds").placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(1, TinySd.POOLED)));
                Placeholder<TFloat32> timeIds = tf.withName("time_ids").placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(1, 6)));
                Operand<TFloat32> p = tf.math.mul(tf.math.mean(pooled, tf.constant(new int[] {0, 1})),
                        tf.constant(TinySd.POOLED_WEIGHT));
                Operand<TFloat32> times = tf.sum(tf.math.mul(timeIds, tf.constant(new float[][] {TinySd.TIME_WEIGHTS})),
                        tf.constant(new int[] {0, 1}));
                out = tf.math.add(tf.math.add(out, p), times);
                b.input("text_embeds", pooled).input("time_ids", timeIds);
            }
            return b.output("out_sample", tf.withName("out_sample").identity(out));
        });
    }

    static void vaeEncoder(Path dir, String output) {
        boolean params = output.equals("latent_parameters");
        int rows = params ? 8 : 4;
        float[] filter = new float[3 * rows]; // [1, 1, in 3, out rows]
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 3; c++) {
                filter[c * rows + r] = r < 4 ? TinySd.ENCODE[r][c] : 5f + r;
            }
        }
        export(dir, tf -> {
            Placeholder<TFloat32> sample = tf.withName("sample").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(1, 3, -1, -1)));
            Operand<TFloat32> pooled = tf.nn.avgPool(nhwc(tf, sample), EIGHTS, EIGHTS, "VALID");
            Operand<TFloat32> latents = tf.nn.conv2d(pooled, tf.constant(Shape.of(1, 1, 3, rows),
                    DataBuffers.of(filter, true, false)), ONES, "VALID");
            return Signature.builder().input("sample", sample)
                    .output(output, tf.withName(output).linalg.transpose(latents, tf.constant(new int[] {0, 3, 1, 2})));
        });
    }

    static void vaeDecoder(Path dir) {
        float[] filter = new float[12]; // [1, 1, in 4, out 3]
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                filter[c * 3 + r] = TinySd.DECODE[r][c];
            }
        }
        export(dir, tf -> {
            Placeholder<TFloat32> latents = tf.withName("latent_sample").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(1, 4, -1, -1)));
            Operand<TFloat32> rgb = tf.nn.conv2d(nhwc(tf, latents), tf.constant(Shape.of(1, 1, 4, 3),
                    DataBuffers.of(filter, true, false)), ONES, "VALID");
            Operand<TInt32> hw = tf.slice(tf.shape(rgb), tf.constant(new int[] {1}), tf.constant(new int[] {2}));
            Operand<TFloat32> big = tf.image.resizeNearestNeighbor(rgb, tf.math.mul(hw, tf.constant(new int[] {8, 8})));
            return Signature.builder().input("latent_sample", latents)
                    .output("sample", tf.withName("sample").linalg.transpose(big, tf.constant(new int[] {0, 3, 1, 2})));
        });
    }

    private static Operand<TFloat32> nhwc(Ops tf, Operand<TFloat32> x) {
        return tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 3, 1}));
    }

    private static Operand<TFloat32> channels(Ops tf, Operand<TFloat32> x, int from, int count) {
        return tf.slice(x, tf.constant(new int[] {0, from, 0, 0}), tf.constant(new int[] {-1, count, -1, -1}));
    }

    private static Class<? extends TType> type(int onnxType) {
        return switch (onnxType) {
            case SdModelLayout.INT32 -> TInt32.class;
            case SdModelLayout.INT64 -> TInt64.class;
            case SdModelLayout.DOUBLE -> TFloat64.class;
            default -> TFloat32.class;
        };
    }

    private static void export(Path dir, Function<Ops, Signature.Builder> build) {
        try {
            DjlEngines.start(DjlRuntime.TENSORFLOW, EngineContext.defaultCacheDir()); // loads TensorFlow's natives
            Files.createDirectories(dir);
            try (Graph g = new Graph(); Session s = new Session(g)) {
                Signature sig = build.apply(Ops.create(g)).key("serving_default").build();
                SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig, s)).export();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (dev.atelier.core.error.AtelierException e) {
            throw new IllegalStateException(e);
        }
    }
}
