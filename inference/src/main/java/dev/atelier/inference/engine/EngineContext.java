package dev.atelier.inference.engine;

import java.nio.file.Path;

/**
 * What the daemon gives an engine when creating it.
 *
 * @param cacheDir a folder the engine may use for unpacked natives and caches (under Atelier's own cache)
 * @param threads CPU threads the engine may use for one job
 */
public record EngineContext(Path cacheDir, int threads) {

    public EngineContext {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
    }
}
