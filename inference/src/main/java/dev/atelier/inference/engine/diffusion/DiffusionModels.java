package dev.atelier.inference.engine.diffusion;

import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.models.DiffusionImport;
import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the installed diffusion model: the first (by id) of task {@code diffusion} for the ONNX or the TensorFlow
 * engine (an ONNX export or a SavedModel folder; the pipeline picks the runtime from the parts' format).
 */
final class DiffusionModels {

    private static final List<String> ENGINES = List.of(DjlRuntime.ONNX_RUNTIME.engineId(),
            DjlRuntime.TENSORFLOW.engineId());

    /** What to tell the user when there is none. */
    static final String NONE = "no diffusion model installed (atelier models import <folder> --task diffusion)";

    private DiffusionModels() {}

    /** An installed model: its store id, folder and manifest time (which changes when it is re-imported). */
    record Installed(String id, Path folder, long stamp) {}

    static Optional<Installed> find(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try {
            return new ModelStore(root).forTask(DiffusionImport.TASK).stream()
                    .filter(m -> ENGINES.contains(m.engine()))
                    .min(Comparator.comparing(ModelManifest::id))
                    .map(m -> new Installed(m.id(), root.resolve(m.id()), stamp(root.resolve(m.id()))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable store means no usable model, as for the other engines
        }
    }

    private static long stamp(Path folder) {
        try {
            return Files.getLastModifiedTime(folder.resolve(ModelManifest.FILE_NAME)).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
