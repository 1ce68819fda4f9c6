package dev.atelier.inference.cli;

import com.google.gson.JsonElement;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.JobHandle;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.core.workflow.WorkflowNode;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.workflow.NodeExecutor;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs each node as a daemon job over the socket, the way a host submits one: the node's field values (the file's,
 * with the {@code --set} overrides laid over them) as the SUBMIT params, so the daemon validates and binds them
 * itself. Progress is forwarded; a cancelled workflow cancels the job. One client may serve many runs at once.
 */
final class DaemonNodeExecutor implements NodeExecutor {

    private static final Duration POLL = Duration.ofMillis(50);

    private final DaemonClient client;
    /** Each bound request → the node's raw values and operation id (identity: one entry per node). */
    private final Map<OperationRequest, Submitted> byRequest = new IdentityHashMap<>();

    private record Submitted(String operation, Map<String, JsonElement> params) {}

    /**
     * @param requests the requests {@link CheckedWorkflow#requests} bound from the same {@code overrides}
     */
    DaemonNodeExecutor(DaemonClient client, CheckedWorkflow workflow, Map<String, OperationRequest> requests,
            Map<String, Map<String, JsonElement>> overrides) {
        this.client = client;
        for (WorkflowNode n : workflow.order()) {
            Map<String, JsonElement> values = new LinkedHashMap<>(n.params());
            values.putAll(overrides.getOrDefault(n.id(), Map.of()));
            byRequest.put(requests.get(n.id()), new Submitted(n.operation(), values));
        }
    }

    @Override
    public OperationResult execute(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        Submitted node = byRequest.get(request);
        if (node == null) {
            throw new IllegalArgumentException("request not bound by this workflow: " + request);
        }
        cancel.check();
        Submission.Builder s = Submission.builder().setOperation(node.operation()).setImage(input.image());
        node.params().forEach(s::optParam);
        input.mask().ifPresent(s::optMask);
        JobHandle job = client.submit(s.build(), (fraction, message, preview) -> {
            if (preview == null) {
                progress.report(fraction, message);
            } else {
                progress.report(fraction, message, preview);
            }
        });
        while (true) {
            if (cancel.isCancelled()) {
                cancelQuietly(job);
                throw new AtelierException(ErrorCode.CANCELLED, "Cancelled");
            }
            try {
                return job.await(POLL);
            } catch (AtelierException e) {
                if (e.code() != ErrorCode.TIMEOUT || job.isDone()) {
                    throw e;
                }
                // poll the cancel token again
            }
        }
    }

    private static void cancelQuietly(JobHandle job) {
        try {
            job.cancel();
        } catch (AtelierException e) {
            // The job ended meanwhile, or the daemon is gone: nothing is left to cancel.
        }
    }
}
