package dev.atelier.inference.job;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;

/**
 * Receives one job's events. Called from the job's worker thread; implementations must not block for long (the
 * daemon's connection listeners only enqueue a frame write).
 */
public interface JobListener {

    default void onProgress(Job job, double fraction, String message, Raster preview) {}

    /** Called once when the job is done. */
    void onResult(Job job, OperationResult result);

    /** Called once when the job failed or was cancelled ({@code error.code()} is CANCELLED then). */
    void onFailure(Job job, AtelierException error);
}
