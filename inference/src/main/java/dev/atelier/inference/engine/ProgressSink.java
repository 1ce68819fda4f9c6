package dev.atelier.inference.engine;

import dev.atelier.core.image.Raster;

/** Receives an engine's progress; the daemon forwards it to the watching host as PROGRESS frames. */
@FunctionalInterface
public interface ProgressSink {

    /** Reports {@code fraction} (0..1) done, with a short message such as "tile 3/12". */
    void report(double fraction, String message);

    /** Reports progress with a small preview image (at most a few hundred pixels a side). */
    default void report(double fraction, String message, Raster preview) {
        report(fraction, message);
    }

    /** Returns a sink that drops everything. */
    static ProgressSink none() {
        return (fraction, message) -> {};
    }
}
