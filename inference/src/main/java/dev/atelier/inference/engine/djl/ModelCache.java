package dev.atelier.inference.engine.djl;

import dev.atelier.core.error.AtelierException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models one engine has loaded, kept between jobs (loading costs more than a small job) and closed with it.
 * Starts the runtime on the first load.
 */
public final class ModelCache implements AutoCloseable {

    private final DjlRuntime runtime;
    private final Path cacheDir;
    private final int threads;
    private final Map<Path, DjlModel> models = new LinkedHashMap<>();

    public ModelCache(DjlRuntime runtime, Path cacheDir, int threads) {
        this.runtime = runtime;
        this.cacheDir = cacheDir;
        this.threads = threads;
    }

    /** Returns the model at {@code path}, loading it on first use. */
    public synchronized DjlModel get(Path path) throws AtelierException {
        DjlModel m = models.get(path);
        if (m == null) {
            m = DjlModel.load(DjlEngines.start(runtime, cacheDir), path, threads);
            models.put(path, m);
        }
        return m;
    }

    /** Where this runtime's models run, e.g. "ONNX Runtime (CPU, ONNX Runtime 1.29.0)"; starts the runtime. */
    public String runsOn() throws AtelierException {
        return runtime.label() + " (" + DjlEngines.start(runtime, cacheDir).description() + ")";
    }

    @Override
    public synchronized void close() {
        models.values().forEach(DjlModel::close);
        models.clear();
    }
}
