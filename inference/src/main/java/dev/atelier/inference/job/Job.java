package dev.atelier.inference.job;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.JobInput;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One queued operation: request, inputs, state, progress and outcome. Listeners added after the job ended are
 * told its outcome at once, so a late watcher never waits forever.
 */
public final class Job {

    private final String id;
    private final OperationRequest request;
    private final int priority;
    private final long sequence;
    private final boolean heavy;
    private final CancelToken cancel = new CancelToken();
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

    private JobInput input; // dropped once the job ends, so finished jobs hold no pixels
    private JobState state = JobState.QUEUED;
    private double fraction;
    private String message = "queued";
    private OperationResult result; // held until delivered or released; the store keeps the durable copy
    private AtelierException error;
    private long finishedAtMillis;

    Job(String id, OperationRequest request, JobInput input, int priority, long sequence, boolean heavy) {
        this.id = id;
        this.request = request;
        this.input = input;
        this.priority = priority;
        this.sequence = sequence;
        this.heavy = heavy;
    }

    public String id() {
        return id;
    }

    public OperationRequest request() {
        return request;
    }

    public int priority() {
        return priority;
    }

    long sequence() {
        return sequence;
    }

    public boolean heavy() {
        return heavy;
    }

    CancelToken cancelToken() {
        return cancel;
    }

    synchronized JobInput input() {
        return input;
    }

    public synchronized JobState state() {
        return state;
    }

    public synchronized double fraction() {
        return fraction;
    }

    public synchronized String message() {
        return message;
    }

    /** Returns the in-memory result of a finished job, or null when delivered, released or not done. */
    public synchronized OperationResult result() {
        return result;
    }

    /** Returns the failure of a failed or cancelled job, or null. */
    public synchronized AtelierException error() {
        return error;
    }

    /** Returns when the job ended (epoch millis), or 0 while it has not. */
    public synchronized long finishedAtMillis() {
        return finishedAtMillis;
    }

    /** Drops the in-memory copy of the result (the result store keeps the durable one). */
    public synchronized void forgetResult() {
        result = null;
    }

    /** Adds a listener; when the job already ended it is told the outcome immediately. */
    public void addListener(JobListener listener) {
        OperationResult r;
        AtelierException e;
        JobState s;
        synchronized (this) {
            s = state;
            r = result;
            e = error;
            if (!s.isFinal()) {
                listeners.add(listener);
                return;
            }
        }
        if (s == JobState.DONE && r != null) {
            listener.onResult(this, r);
        } else if (e != null) {
            listener.onFailure(this, e);
        }
    }

    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    synchronized boolean markRunning() {
        if (state != JobState.QUEUED) {
            return false;
        }
        state = JobState.RUNNING;
        message = "running";
        return true;
    }

    void progress(double f, String msg, Raster preview) {
        synchronized (this) {
            fraction = Math.max(fraction, Math.min(1, f));
            message = msg;
        }
        for (JobListener l : listeners) {
            l.onProgress(this, f, msg, preview);
        }
    }

    void finish(OperationResult r) {
        synchronized (this) {
            state = JobState.DONE;
            fraction = 1;
            message = "done";
            result = r;
            input = null;
            finishedAtMillis = System.currentTimeMillis();
        }
        for (JobListener l : listeners) {
            l.onResult(this, r);
        }
        listeners.clear();
    }

    void fail(AtelierException e) {
        synchronized (this) {
            state = e.code() == dev.atelier.core.error.ErrorCode.CANCELLED ? JobState.CANCELLED : JobState.FAILED;
            message = e.getMessage();
            error = e;
            input = null;
            finishedAtMillis = System.currentTimeMillis();
        }
        for (JobListener l : listeners) {
            l.onFailure(this, e);
        }
        listeners.clear();
    }
}
