package dev.atelier.inference.cli;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.core.workflow.WorkflowOutput;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.workflow.NodeExecutor;
import dev.atelier.inference.workflow.NodeFailedException;
import dev.atelier.inference.workflow.WorkflowResult;
import dev.atelier.inference.workflow.WorkflowRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One input image through a workflow, as the CLI runs it: a failed node is tried once more (the nodes before it
 * keep their outputs), and each named output is written whole as {@code <input-stem>.<output-id>.png}.
 */
final class WorkflowItem {

    private WorkflowItem() {}

    /** Returns the file each named output of {@code input} is written to in {@code dir}, in the workflow's order. */
    static Map<String, Path> outputFiles(CheckedWorkflow workflow, Path dir, String inputFileName) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (WorkflowOutput out : workflow.workflow().outputs()) {
            files.put(out.id(), dir.resolve(stem(inputFileName) + "." + out.id() + ".png"));
        }
        return files;
    }

    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /**
     * Runs the workflow on {@code image}, retrying a failed node once.
     *
     * @param onRetry told the first failure before the retry
     * @throws AtelierException the second failure, or {@code CANCELLED}
     */
    static WorkflowResult run(CheckedWorkflow workflow, Map<String, OperationRequest> requests, NodeExecutor executor,
            Raster image, Optional<Mask> mask, ProgressSink progress, CancelToken cancel, Consumer<String> onRetry)
            throws AtelierException {
        WorkflowRun run;
        try {
            run = new WorkflowRun(workflow, requests, image, mask);
        } catch (IllegalArgumentException e) {
            throw new AtelierException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        try {
            return run.run(executor, progress, cancel);
        } catch (NodeFailedException e) {
            onRetry.accept(e.getMessage());
            return run.run(executor, progress, cancel);
        }
    }

    /** Writes every output whole (temporary name, fsync, rename), in order. */
    static void write(WorkflowResult result, Map<String, Path> files) throws IOException {
        for (Map.Entry<String, Path> f : files.entrySet()) {
            AtomicFiles.write(f.getValue(), Png.encode(result.outputs().get(f.getKey())));
        }
    }
}
