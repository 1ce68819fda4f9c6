package dev.atelier.inference.workflow;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;

/** Runs one node's request as a job: on the daemon's own queue, or over the socket from the CLI. */
@FunctionalInterface
public interface NodeExecutor {

    /**
     * Runs the request and returns its result.
     *
     * @throws AtelierException as the job failed; {@code CANCELLED} soon after {@code cancel} is set
     */
    OperationResult execute(OperationRequest request, JobInput input, ProgressSink progress, CancelToken cancel)
            throws AtelierException;
}
