package dev.atelier.inference.workflow;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.ResultImages;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.core.workflow.Endpoint;
import dev.atelier.core.workflow.OperationPorts;
import dev.atelier.core.workflow.WorkflowNode;
import dev.atelier.core.workflow.WorkflowOutput;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a checked workflow on one input: nodes in order, each a job through a {@link NodeExecutor}. Finished
 * nodes keep their outputs, so after a failure {@link #run} again redoes only the failed node and those after it.
 *
 * <p>A node whose engine is missing ({@code OPERATION_UNAVAILABLE}), or whose required mask comes from an optional
 * input that was not given, is skipped with a notice: its image passes through unchanged. Progress is reported across
 * the whole workflow: node k of n at fraction f reports (k + f) / n.
 */
public final class WorkflowRun {

    private final CheckedWorkflow workflow;
    private final Map<String, OperationRequest> requests;
    private final Raster image;
    private final Optional<Mask> mask;
    private final Map<String, NodeOutput> finished = new LinkedHashMap<>();

    /**
     * @param requests every node's request, as {@link CheckedWorkflow#requests} binds them
     * @param mask the workflow's mask input, when given (same size as the image)
     */
    public WorkflowRun(CheckedWorkflow workflow, Map<String, OperationRequest> requests, Raster image,
            Optional<Mask> mask) {
        this.workflow = Objects.requireNonNull(workflow, "workflow");
        this.requests = Map.copyOf(requests);
        this.image = Objects.requireNonNull(image, "image");
        this.mask = Objects.requireNonNull(mask, "mask");
        mask.ifPresent(m -> {
            if (m.width() != image.width() || m.height() != image.height()) {
                throw new IllegalArgumentException("mask " + m.width() + "x" + m.height() + " does not match image "
                        + image.width() + "x" + image.height());
            }
        });
        for (WorkflowNode n : workflow.order()) {
            if (!requests.containsKey(n.id())) {
                throw new IllegalArgumentException("no request for node '" + n.id() + "'");
            }
        }
    }

    /** Returns the outputs of the nodes finished so far, in run order. */
    public Map<String, NodeOutput> finished() {
        return java.util.Collections.unmodifiableMap(finished);
    }

    /**
     * Runs the nodes not finished yet and returns the workflow's outputs.
     *
     * @throws NodeFailedException naming the node whose job failed (earlier nodes stay finished)
     * @throws AtelierException {@code CANCELLED} when cancelled between or during nodes
     */
    public WorkflowResult run(NodeExecutor executor, ProgressSink progress, CancelToken cancel)
            throws AtelierException {
        List<WorkflowNode> order = workflow.order();
        int n = order.size();
        for (int k = 0; k < n; k++) {
            WorkflowNode node = order.get(k);
            if (finished.containsKey(node.id())) {
                continue;
            }
            cancel.check();
            int index = k;
            String label = node.id() + " (" + (k + 1) + "/" + n + ")";
            progress.report((double) k / n, label);
            ProgressSink nodeProgress = new ProgressSink() {
                @Override
                public void report(double fraction, String message) {
                    progress.report((index + clamp(fraction)) / n, label + ": " + message);
                }

                @Override
                public void report(double fraction, String message, Raster preview) {
                    progress.report((index + clamp(fraction)) / n, label + ": " + message, preview);
                }
            };
            finished.put(node.id(), runNode(node, executor, nodeProgress, cancel));
        }
        progress.report(1.0, "done");
        return result();
    }

    private NodeOutput runNode(WorkflowNode node, NodeExecutor executor, ProgressSink progress, CancelToken cancel)
            throws AtelierException {
        Operation op = workflow.operation(node.id());
        Map<String, Endpoint> feeds = workflow.feeds(node.id());
        Raster in = imageAt(feeds.get(OperationPorts.IMAGE));
        Endpoint maskFeed = feeds.get(OperationPorts.MASK);
        Optional<Mask> nodeMask = maskFeed == null ? Optional.empty() : maskAt(maskFeed);
        if (maskFeed != null && nodeMask.isEmpty() && OperationPorts.inputs(op).get(OperationPorts.MASK).required()) {
            return skipped(in, "node '" + node.id() + "' (" + op.id() + ") skipped: no mask came from " + maskFeed);
        }
        if (nodeMask.isPresent() && (nodeMask.get().width() != in.width() || nodeMask.get().height() != in.height())) {
            throw new NodeFailedException(node.id(), op.id(), new AtelierException(ErrorCode.BAD_REQUEST,
                    "its mask (" + maskFeed + ") is " + nodeMask.get().width() + "x" + nodeMask.get().height()
                            + " but its image is " + in.width() + "x" + in.height()));
        }
        OperationResult result;
        try {
            result = executor.execute(requests.get(node.id()), new JobInput(in, nodeMask), progress, cancel);
        } catch (AtelierException e) {
            if (e.code() == ErrorCode.CANCELLED) {
                throw e;
            }
            if (e.code() == ErrorCode.OPERATION_UNAVAILABLE) {
                return skipped(in, "node '" + node.id() + "' (" + op.id() + ") skipped: " + e.getMessage());
            }
            throw new NodeFailedException(node.id(), op.id(), e);
        }
        Raster out = ResultImages.flatten(in, result);
        Optional<Mask> outMask = OperationPorts.outputs(op).containsKey(OperationPorts.MASK)
                ? Optional.of(Mask.fromAlpha(out)) : Optional.empty();
        List<String> notices = new ArrayList<>();
        result.notices().forEach(m -> notices.add(node.id() + ": " + m));
        return new NodeOutput(out, outMask, notices);
    }

    private static NodeOutput skipped(Raster in, String notice) {
        return new NodeOutput(in, Optional.empty(), List.of(notice));
    }

    private Raster imageAt(Endpoint e) {
        return e.isWorkflowInput() ? image : finished.get(e.owner()).image();
    }

    private Optional<Mask> maskAt(Endpoint e) {
        return e.isWorkflowInput() ? mask : finished.get(e.owner()).mask();
    }

    private WorkflowResult result() {
        Map<String, Raster> outputs = new LinkedHashMap<>();
        for (WorkflowOutput out : workflow.workflow().outputs()) {
            NodeOutput node = finished.get(out.from().owner());
            if (OperationPorts.MASK.equals(out.from().port())) {
                // A skipped Remove background gives no cut-out: the output is then an all-opaque mask.
                Mask m = node.mask().orElse(Mask.filled(node.image().width(), node.image().height(), 255));
                outputs.put(out.id(), gray(m));
            } else {
                outputs.put(out.id(), node.image());
            }
        }
        List<String> notices = new ArrayList<>();
        finished.values().forEach(o -> notices.addAll(o.notices()));
        return new WorkflowResult(outputs, notices);
    }

    private static Raster gray(Mask m) {
        byte[] rgba = new byte[Raster.checkedSize(m.width(), m.height())];
        byte[] row = new byte[m.width()];
        for (int y = 0; y < m.height(); y++) {
            m.readRow(y, 0, m.width(), row, 0);
            for (int x = 0; x < m.width(); x++) {
                int i = 4 * (y * m.width() + x);
                rgba[i] = row[x];
                rgba[i + 1] = row[x];
                rgba[i + 2] = row[x];
                rgba[i + 3] = (byte) 255;
            }
        }
        return Raster.wrap(m.width(), m.height(), rgba);
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }
}
