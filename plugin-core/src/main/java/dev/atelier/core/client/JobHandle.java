package dev.atelier.core.client;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.operation.OperationResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A submitted job as the host sees it: its id, progress through the listener given at submit, and its outcome.
 * If the connection drops while waiting, {@link #await} reconnects (restarting the daemon if needed) and fetches
 * the result by id, so a daemon-side result is never lost to a broken connection.
 */
public final class JobHandle {

    private final DaemonClient client;
    private final String id;
    final ProgressListener listener;
    private volatile CompletableFuture<OperationResult> outcome = new CompletableFuture<>();
    private boolean recovered;

    JobHandle(DaemonClient client, String id, ProgressListener listener) {
        this.client = client;
        this.id = id;
        this.listener = listener;
    }

    public String id() {
        return id;
    }

    /** Asks the daemon to cancel; the job then ends with a CANCELLED error from {@link #await}. */
    public void cancel() throws AtelierException {
        client.cancel(id);
    }

    /** Returns true once the outcome arrived. */
    public boolean isDone() {
        return outcome.isDone();
    }

    /** Waits for the result without a time limit. */
    public OperationResult await() throws AtelierException {
        return await(null);
    }

    /** Waits for the result; throws TIMEOUT if {@code timeout} (null = none) passes first. */
    public OperationResult await(Duration timeout) throws AtelierException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                OperationResult r = timeout == null ? outcome.get()
                        : outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                client.releaseQuietly(id);
                return r;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof AtelierException ae)) {
                    throw new AtelierException(ErrorCode.INTERNAL, "Unexpected: " + e.getCause(), e.getCause());
                }
                if (ae.code() == ErrorCode.UNKNOWN_JOB && recovered) {
                    throw new AtelierException(ErrorCode.DAEMON_UNAVAILABLE, "The daemon stopped while running job "
                            + id + " and its work was lost; run it again", ae);
                }
                if (ae.code() != ErrorCode.DAEMON_UNAVAILABLE || recovered) {
                    throw ae;
                }
                recover();
            } catch (TimeoutException e) {
                throw new AtelierException(ErrorCode.TIMEOUT, "Job " + id + " did not finish within " + timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AtelierException(ErrorCode.CANCELLED, "Interrupted while waiting for job " + id);
            }
        }
    }

    /** The connection broke: reconnect and follow the job again by id. */
    private void recover() throws AtelierException {
        recovered = true; // one reconnect per wait: a daemon that keeps dying is reported, not retried forever
        outcome = new CompletableFuture<>();
        client.reconnect();
        client.follow(this);
    }

    void complete(OperationResult result) {
        outcome.complete(result);
    }

    void fail(AtelierException error) {
        outcome.completeExceptionally(error);
    }
}
