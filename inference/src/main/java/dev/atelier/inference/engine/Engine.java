package dev.atelier.inference.engine;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import java.util.Optional;

/**
 * A loaded engine. It owns its native and model resources and frees them in {@link #close}. {@link #run} may be
 * called from several threads at once unless the engine's descriptor says it is heavy.
 */
public interface Engine extends AutoCloseable {

    /**
     * Returns why this engine cannot run {@code request} (e.g. "Detect depth needs a depth model"), or empty when
     * it can. Must be cheap; it is asked before a job is queued.
     */
    Optional<String> unsupportedReason(OperationRequest request);

    /**
     * Whether {@code request} is this engine's to answer at all, beyond its descriptor's operations (e.g. one
     * preset of an operation). The registry passes a request that is not on to the next engine silently, while a
     * reason from {@link #unsupportedReason} becomes a notice on the fallback's result. Must be cheap.
     */
    default boolean handles(OperationRequest request) {
        return true;
    }

    /**
     * Returns why this engine cannot run {@code request} on these pixels, or empty when it can; the registry asks
     * this when the input is known. Engines whose answer depends on the image (e.g. only opaque images) override
     * it; it must stay cheap (one pass over the pixels at most).
     */
    default Optional<String> unsupportedReason(OperationRequest request, JobInput input) {
        return unsupportedReason(request);
    }

    /**
     * Runs one request on its inputs. Engines check {@code cancel} between steps or tiles and report progress;
     * failures are {@link AtelierException}s with a user-facing message.
     */
    OperationResult run(OperationRequest request, JobInput input, ProgressSink progress, CancelToken cancel)
            throws AtelierException;

    @Override
    default void close() {}
}
