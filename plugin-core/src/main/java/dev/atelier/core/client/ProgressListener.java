package dev.atelier.core.client;

import dev.atelier.core.image.Raster;

/** Receives a job's progress on the client's reader thread; hosts hop to their UI thread themselves. */
@FunctionalInterface
public interface ProgressListener {

    /** {@code preview} is a small image of the work so far, or null. */
    void onProgress(double fraction, String message, Raster preview);

    static ProgressListener none() {
        return (f, m, p) -> {};
    }
}
