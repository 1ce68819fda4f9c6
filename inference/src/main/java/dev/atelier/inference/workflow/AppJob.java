package dev.atelier.inference.workflow;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.WorkflowRequest;
import dev.atelier.core.workflow.AppPanels;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.core.workflow.WorkflowException;
import dev.atelier.core.workflow.WorkflowNode;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.job.JobQueue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of an App's job: runs the workflow's nodes as jobs on the daemon's queue and hands the host one result,
 * the first output covering the output canvas at (0, 0), with the notices of every node.
 */
public final class AppJob implements JobQueue.JobBody {

    private final CheckedWorkflow workflow;
    private final Map<String, OperationRequest> requests;
    private final NodeExecutor nodes;

    /**
     * @param requests every node's request, from {@link #bind}
     * @param priority the node jobs' priority (the App job's own)
     */
    public AppJob(CheckedWorkflow workflow, Map<String, OperationRequest> requests, JobQueue queue, int priority) {
        this(workflow, requests, new QueueNodeExecutor(queue, priority));
    }

    /**
     * @param requests every node's request, from {@link #bind}
     * @param nodes runs each node; the daemon's checks each node's output size before queueing it
     */
    public AppJob(CheckedWorkflow workflow, Map<String, OperationRequest> requests, NodeExecutor nodes) {
        this.workflow = Objects.requireNonNull(workflow, "workflow");
        this.requests = Map.copyOf(requests);
        this.nodes = Objects.requireNonNull(nodes, "nodes");
    }

    /**
     * Binds every node's request with the App's values laid over the file's.
     *
     * @throws WorkflowException naming node and field of a bad value
     */
    public static Map<String, OperationRequest> bind(CheckedWorkflow workflow, WorkflowRequest request)
            throws WorkflowException {
        return workflow.requests(AppPanels.overrides(workflow, request));
    }

    /**
     * Returns why each node would be skipped for want of an engine (node id → reason), in run order. An App whose
     * nodes all would be skipped cannot run; one with some skipped runs with notices.
     */
    public static Map<String, String> missingEngines(CheckedWorkflow workflow, EngineRegistry engines) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (WorkflowNode n : workflow.order()) {
            Operation op = workflow.operation(n.id());
            engines.unavailableReason(op).ifPresent(r -> missing.put(n.id(), r));
        }
        return missing;
    }

    /** Returns why the App cannot run on these engines, or empty when at least one node can. */
    public static Optional<String> unavailableReason(CheckedWorkflow workflow, EngineRegistry engines) {
        Map<String, String> missing = missingEngines(workflow, engines);
        if (missing.size() < workflow.order().size()) {
            return Optional.empty();
        }
        return Optional.of("No step of " + workflow.workflow().title() + " can run here: "
                + String.join("; ", missing.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
    }

    @Override
    public OperationResult run(JobInput input, ProgressSink progress, CancelToken cancel) throws AtelierException {
        WorkflowRun run = new WorkflowRun(workflow, requests, input.image(), input.mask());
        WorkflowResult result = run.run(nodes, progress, cancel);
        Raster first = result.outputs().values().stream().findFirst().orElseThrow(() -> new AtelierException(
                ErrorCode.INTERNAL, "workflow '" + workflow.id() + "' gave no output"));
        return new OperationResult(first, 0, 0, first.width(), first.height(), result.notices());
    }
}
