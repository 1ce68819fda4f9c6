package dev.atelier.inference.engine.djl;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.engine.memory.ModelMemory;
import dev.atelier.inference.engine.memory.Resident;
import dev.atelier.inference.models.ModelException;
import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models one engine has loaded, kept between jobs (loading costs more than a small job) and closed with it, or
 * earlier by the {@link ModelMemory} (idle, or evicted to make room). Models a job gets stay pinned until the job
 * calls {@link #release()}, so they are never closed under it. Starts the runtime on the first load, and checks a
 * store model's checksums before loading it.
 */
public final class ModelCache implements AutoCloseable {

    private final DjlRuntime runtime;
    private final Path cacheDir;
    private final int threads;
    private final ModelMemory memory;
    private final Map<Path, Resident<DjlModel>> models = new LinkedHashMap<>();
    /** Pinned by the running job. */
    private final List<Resident<DjlModel>> pinned = new ArrayList<>();

    public ModelCache(DjlRuntime runtime, Path cacheDir, int threads, ModelMemory memory) {
        this.runtime = runtime;
        this.cacheDir = cacheDir;
        this.threads = threads;
        this.memory = memory;
    }

    /** Returns the model at {@code path}, loading it if it is not loaded; it stays pinned until {@link #release}. */
    public synchronized DjlModel get(Path path) throws AtelierException {
        Resident<DjlModel> r = models.get(path);
        if (r != null && pinned.contains(r)) {
            return r.model();
        }
        if (r != null) {
            Optional<DjlModel> m = r.pin();
            if (m.isPresent()) {
                pinned.add(r);
                return m.get();
            }
            models.remove(path); // unloaded by the memory since the last job
        }
        verify(path);
        Path name = path.getParent() == null ? path : path.getParent().relativize(path);
        String label = path.getParent() == null || path.getParent().getFileName() == null ? name.toString()
                : path.getParent().getFileName() + "/" + name;
        r = memory.load(label, ModelMemory.sizeOnDisk(path),
                () -> DjlModel.load(DjlEngines.start(runtime, cacheDir), path, threads));
        models.put(path, r);
        pinned.add(r);
        return r.model();
    }

    /** Ends a job: the models it got may be unloaded again (their idle time starts now). */
    public synchronized void release() {
        pinned.forEach(Resident::unpin);
        pinned.clear();
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
        release();
        models.values().forEach(Resident::close);
        models.clear();
    }
}
