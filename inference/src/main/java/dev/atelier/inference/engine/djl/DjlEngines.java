package dev.atelier.inference.engine.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Starts DJL's engines for this process, once each, on the first job that needs them (so the daemon itself starts
 * in well under a second). Before anything native loads, every cache DJL, javacpp and ONNX Runtime would scatter
 * in the home folder or {@code java.io.tmpdir} is pointed under Atelier's cache, and DJL is put in offline mode:
 * nothing is ever downloaded at run time.
 */
public final class DjlEngines {

    /** A started engine and the device its models run on. */
    public record Started(DjlRuntime runtime, Engine engine, Device device, String description) {}

    private static final Logger LOG = Logger.getLogger(DjlEngines.class.getName());
    private static final Map<DjlRuntime, Started> STARTED = new EnumMap<>(DjlRuntime.class);

    private DjlEngines() {}

    /** Returns {@code runtime}, started with its caches under {@code cacheDir}. */
    public static synchronized Started start(DjlRuntime runtime, Path cacheDir) throws AtelierException {
        Started s = STARTED.get(runtime);
        if (s != null) {
            return s;
        }
        long t0 = System.nanoTime();
        try {
            configureCaches(cacheDir);
            s = switch (runtime) {
                case ONNX_RUNTIME -> startOrt(cacheDir);
                case TENSORFLOW -> startTensorFlow(cacheDir);
            };
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, runtime.label() + " could not start: "
                    + e.getMessage(), e);
        }
        LOG.info(runtime.label() + " " + s.engine().getVersion() + " ready on " + s.description() + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        STARTED.put(runtime, s);
        return s;
    }

    /** Points DJL's, javacpp's and the engines' caches under {@code cacheDir}, unless the user set them. */
    static void configureCaches(Path cacheDir) {
        setIfAbsent("ai.djl.offline", "true");
        // DJL's ORT engine borrows the default engine for NDArray maths; we never need it, and asking would start
        // TensorFlow (the highest-ranked engine on our class path) from inside ORT's start.
        setIfAbsent("ai.djl.onnx.disable_alternative", "true");
        setIfAbsent("ai.djl.default_engine", DjlRuntime.ONNX_RUNTIME.djlName());
        setIfAbsent("DJL_CACHE_DIR", cacheDir.resolve("djl").toString());
        setIfAbsent("ENGINE_CACHE_DIR", cacheDir.resolve("djl-engines").toString());
        setIfAbsent("org.bytedeco.javacpp.cachedir", cacheDir.resolve("javacpp").toString());
    }

    private static Started startOrt(Path cacheDir) throws IOException {
        OrtNatives.unpack(cacheDir.resolve("onnxruntime"));
        Engine engine = Engine.getEngine(DjlRuntime.ONNX_RUNTIME.djlName());
        boolean cuda = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA) && cudaWorks();
        String version = OrtEnvironment.getEnvironment().getVersion(); // DJL reports its POM's version, not ours
        return new Started(DjlRuntime.ONNX_RUNTIME, engine, cuda ? Device.gpu() : Device.cpu(),
                (cuda ? "GPU (CUDA)" : "CPU") + ", ONNX Runtime " + version);
    }

    private static Started startTensorFlow(Path cacheDir) throws IOException {
        TensorFlowNatives.unpack(cacheDir.resolve("tensorflow"));
        Engine engine = Engine.getEngine(DjlRuntime.TENSORFLOW.djlName());
        // The natives Atelier ships are TensorFlow's CPU build; a GPU build would bring its own jar.
        return new Started(DjlRuntime.TENSORFLOW, engine, Device.cpu(), "CPU (TensorFlow CPU natives)");
    }

    private static boolean cudaWorks() {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.addCUDA(0);
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
