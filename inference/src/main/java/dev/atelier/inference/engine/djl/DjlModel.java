package dev.atelier.inference.engine.djl;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded model and its predictor: the single owner of their native memory. Takes and returns plain float
 * arrays, so nothing above this class sees a DJL type. Not thread-safe; engines run one job at a time.
 */
public final class DjlModel implements AutoCloseable {

    /** A model output: values in row-major order and the tensor's shape. */
    public record Output(float[] values, long[] shape) {}

    /**
     * A named model input: row-major values ({@code float[]}, {@code int[]}, {@code long[]} or {@code double[]})
     * and a shape (empty for a scalar).
     */
    public record Tensor(String name, Object values, long[] shape) {

        public Tensor {
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            int length;
            if (values instanceof float[] f) {
                length = f.length;
            } else if (values instanceof int[] i) {
                length = i.length;
            } else if (values instanceof long[] l) {
                length = l.length;
            } else if (values instanceof double[] d) {
                length = d.length;
            } else {
                throw new IllegalArgumentException(name + ": unsupported values " + values.getClass());
            }
            if (length != count) {
                throw new IllegalArgumentException(name + ": " + length + " values for a shape of " + count);
            }
        }

        public static Tensor of(String name, float[] values, long... shape) {
            return new Tensor(name, values, shape);
        }

        public static Tensor of(String name, int[] values, long... shape) {
            return new Tensor(name, values, shape);
        }

        public static Tensor of(String name, long[] values, long... shape) {
            return new Tensor(name, values, shape);
        }

        public static Tensor of(String name, double[] values, long... shape) {
            return new Tensor(name, values, shape);
        }
    }

    private final DjlRuntime runtime;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final OrtSession.SessionOptions sessionOptions;

    private DjlModel(DjlRuntime runtime, ZooModel<NDList, NDList> model, OrtSession.SessionOptions options) {
        this.runtime = runtime;
        this.model = model;
        this.predictor = model.newPredictor();
        this.sessionOptions = options;
    }

    /**
     * Loads {@code path} (an .onnx file, or a SavedModel folder) on a started engine, using {@code threads} CPU
     * threads for ONNX Runtime.
     */
    public static DjlModel load(DjlEngines.Started engine, Path path, int threads) throws AtelierException {
        Criteria.Builder<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(path).optEngine(engine.runtime().djlName()).optDevice(engine.device());
        OrtSession.SessionOptions options = null;
        try {
            if (engine.runtime() == DjlRuntime.ONNX_RUNTIME) {
                // Our own options: DJL's defaults leave ORT's thread pools at one thread per core.
                options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                if (engine.device().isGpu()) {
                    options.addCUDA(engine.device().getDeviceId());
                }
                criteria.optArgument("sessionOptions", options);
            }
            return new DjlModel(engine.runtime(), criteria.build().loadModel(), options);
        } catch (IOException | ModelNotFoundException | MalformedModelException | OrtException | RuntimeException e) {
            if (options != null) {
                options.close();
            }
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, engine.runtime().label() + " cannot load "
                    + path + ": " + e.getMessage(), e);
        }
    }

    /** Runs the model on one float tensor of {@code shape} and returns its first output. */
    public Output run(float[] input, long... shape) throws AtelierException {
        return run(null, input, shape);
    }

    /** Runs the model on one float tensor of {@code shape} and returns the output named {@code output}. */
    public Output run(String output, float[] input, long... shape) throws AtelierException {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray in = manager.create(input, new Shape(shape));
            NDList out = predictor.predict(new NDList(in));
            NDArray first = output == null ? out.get(0) : out.get(output);
            if (first == null) {
                throw new AtelierException(ErrorCode.ENGINE_FAILURE, "The model has no output named " + output);
            }
            return new Output(first.toFloatArray(), first.getShape().getShape());
        } catch (TranslateException | RuntimeException e) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, runtime.label() + " failed: " + rootMessage(e), e);
        } catch (OutOfMemoryError e) {
            throw new AtelierException(ErrorCode.OUT_OF_MEMORY, "Not enough memory for a " + new Shape(shape)
                    + " tensor", e);
        }
    }

    /**
     * Runs the model on named inputs and returns its float outputs by name, in the model's output order. Give every
     * input: ONNX Runtime binds all inputs by name or none, and TensorFlow binds each array by its name (the
     * {@code serving_default} signature's input key), only falling back to the keys' sorted order for unnamed ones.
     */
    public Map<String, Output> run(List<Tensor> inputs) throws AtelierException {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList in = new NDList();
            for (Tensor t : inputs) {
                Shape shape = new Shape(t.shape());
                NDArray a;
                if (t.values() instanceof float[] f) {
                    a = manager.create(f, shape);
                } else if (t.values() instanceof int[] i) {
                    a = manager.create(i, shape);
                } else if (t.values() instanceof long[] l) {
                    a = manager.create(l, shape);
                } else {
                    a = manager.create((double[]) t.values(), shape);
                }
                a.setName(t.name());
                in.add(a);
            }
            NDList out = predictor.predict(in);
            Map<String, Output> named = new LinkedHashMap<>();
            for (NDArray a : out) {
                named.put(a.getName(), new Output(floats(a), a.getShape().getShape()));
            }
            return named;
        } catch (TranslateException | RuntimeException e) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, runtime.label() + " failed: " + rootMessage(e), e);
        } catch (OutOfMemoryError e) {
            throw new AtelierException(ErrorCode.OUT_OF_MEMORY, "Not enough memory for the model's inputs", e);
        }
    }

    /** The values of a float, double or integer output as floats (ORT's NDArrays cannot convert themselves). */
    private static float[] floats(NDArray a) {
        DataType type = a.getDataType();
        if (type == DataType.FLOAT32) {
            return a.toFloatArray();
        }
        float[] f;
        if (type == DataType.FLOAT64) {
            double[] d = a.toDoubleArray();
            f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
        } else if (type == DataType.INT64) {
            long[] l = a.toLongArray();
            f = new float[l.length];
            for (int i = 0; i < l.length; i++) {
                f[i] = l[i];
            }
        } else if (type == DataType.INT32) {
            int[] v = a.toIntArray();
            f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = v[i];
            }
        } else {
            throw new IllegalArgumentException("output " + a.getName() + " has unsupported type " + type);
        }
        return f;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
        if (sessionOptions != null) {
            sessionOptions.close();
        }
    }
}
