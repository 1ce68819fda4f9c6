package dev.atelier.inference.engine.djl;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.models.ModelException;
import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models one engine has loaded, kept between jobs (loading costs more than a small job) and closed with it.
 * Starts the runtime on the first load, and checks a store model's checksums before loading it.
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
            verify(path);
            m = DjlModel.load(DjlEngines.start(runtime, cacheDir), path, threads);
            models.put(path, m);
        }
        return m;
    }

    /**
     * Checks the files of the store model holding {@code path} against its manifest's checksums before anything
     * native reads them: a changed or truncated file is reported, never loaded.
     */
    static void verify(Path path) throws AtelierException {
        Path folder = path.getParent();
        if (folder == null || !Files.isRegularFile(folder.resolve(ModelManifest.FILE_NAME))) {
            return; // not a store model (a test's own file)
        }
        String id = folder.getFileName().toString();
        List<String> problems;
        try {
            problems = new ModelStore(folder.getParent()).verify(id);
        } catch (IOException | ModelException e) {
            problems = List.of(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, "Model " + id + " is damaged (" + problems.get(0)
                    + "); reinstall it: atelier models remove " + id + ", then atelier models install");
        }
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
