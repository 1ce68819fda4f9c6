package dev.atelier.inference.engine;

import dev.atelier.core.host.UserFolders;
import dev.atelier.inference.engine.memory.ModelMemory;
import java.nio.file.Path;

/**
 * What the daemon gives an engine when creating it.
 *
 * @param cacheDir a folder the engine may use for unpacked natives and caches (under Atelier's own cache)
 * @param threads CPU threads the engine may use for one job
 * @param memory the budget the engine's loaded models count against (shared by the daemon's engines)
 */
public record EngineContext(Path cacheDir, int threads, ModelMemory memory) {

    /** A context on the process's shared model budget ({@link ModelMemory#shared()}). */
    public EngineContext(Path cacheDir, int threads) {
        this(cacheDir, threads, ModelMemory.shared());
    }

    /**
     * Atelier's cache folder: {@code $ATELIER_CACHE}, else {@code -Datelier.cache}, else {@code atelier} in the
     * user's cache folder ({@code ~/.cache/atelier}). Shared by every daemon and CLI of the user, so the engines'
     * natives (TensorFlow's are 600 MB) are unpacked once.
     */
    public static Path defaultCacheDir() {
        String env = System.getenv("ATELIER_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String prop = System.getProperty("atelier.cache");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return UserFolders.current().cacheFolder().resolve("atelier");
    }

    public EngineContext {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
        java.util.Objects.requireNonNull(memory, "memory");
    }
}
