package dev.atelier.inference.workflow;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.job.Job;
import dev.atelier.inference.job.JobListener;
import dev.atelier.inference.job.JobQueue;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each node as a job on the daemon's own queue (so nodes share its lanes, engines and loaded models with every
 * other job) and waits for it, cancelling the job when the workflow is cancelled. The node's stored result is
 * released at once: the workflow keeps what it needs.
 */
public final class QueueNodeExecutor implements NodeExecutor {

    private static final long POLL_MILLIS = 50;

    private final JobQueue queue;
    private final int priority;

    public QueueNodeExecutor(JobQueue queue, int priority) {
        this.queue = queue;
        this.priority = priority;
    }

    @Override
    public OperationResult execute(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        CompletableFuture<OperationResult> done = new CompletableFuture<>();
        Job job = queue.submit(request, input, priority, new JobListener() {
            @Override
            public void onProgress(Job j, double fraction, String message, Raster preview) {
                if (preview == null) {
                    progress.report(fraction, message);
                } else {
                    progress.report(fraction, message, preview);
                }
            }

            @Override
            public void onResult(Job j, OperationResult result) {
                done.complete(result);
            }

            @Override
            public void onFailure(Job j, AtelierException error) {
                done.completeExceptionally(error);
            }
        });
        try {
            while (true) {
                if (cancel.isCancelled()) {
                    queue.cancel(job.id());
                    throw new AtelierException(ErrorCode.CANCELLED, "Cancelled");
                }
                try {
                    return done.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // poll the cancel token again
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AtelierException a) {
                        throw a;
                    }
                    throw new AtelierException(ErrorCode.INTERNAL, String.valueOf(e.getCause()), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    queue.cancel(job.id());
                    throw new AtelierException(ErrorCode.CANCELLED, "Cancelled");
                }
            }
        } finally {
            release(job);
        }
    }

    private void release(Job job) {
        try {
            if (job.state().isFinal()) {
                queue.release(job.id());
            }
        } catch (IOException e) {
            // The result file is removed again when finished jobs are evicted; nothing is lost.
        }
    }
}
