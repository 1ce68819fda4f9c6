package dev.atelier.inference.bench;

import dev.atelier.inference.models.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A temporary model store holding only some models of a real one, as symbolic links (nothing is copied and the real
 * store is never written). A daemon pointed at it routes an upscale to the one engine those models run on, with the
 * one model we mean to time: the daemon picks engines and models itself, and this is how to leave it one choice.
 */
final class ModelSubset implements AutoCloseable {

    private final Path root;

    private ModelSubset(Path root) {
        this.root = root;
    }

    /** Links {@code ids} of {@code store} into a new folder under {@code parent}. */
    static ModelSubset of(Path store, List<String> ids, Path parent) throws IOException {
        Path root = Files.createTempDirectory(parent, "models");
        Files.createFile(root.resolve(ModelStore.READ_ONLY_MARKER)); // a daemon must never tidy it
        for (String id : ids) {
            Files.createSymbolicLink(root.resolve(id), store.toAbsolutePath().resolve(id));
        }
        return new ModelSubset(root);
    }

    Path root() {
        return root;
    }

    /** Removes the links and the folder (never what they point to: walking does not follow links). */
    @Override
    public void close() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
