package dev.atelier.inference.daemon;

import com.google.gson.JsonObject;
import dev.atelier.core.client.ResultFrames;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.protocol.Frame;
import dev.atelier.core.protocol.MessageType;
import dev.atelier.inference.job.Job;
import dev.atelier.inference.job.JobListener;

/**
 * Streams one job's events to one connection: PROGRESS frames (thinned to at most one per 1 % or 100 ms, plus
 * every preview), then RESULT or ERROR. {@code requestId} is set when the watch answers a FETCH.
 */
final class Watch implements JobListener {

    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final Connection connection;
    private final Job job;
    private final Integer requestId;
    private double lastFraction = -1;
    private long lastSent;
    private boolean armed;
    private final java.util.List<Frame> held = new java.util.ArrayList<>();

    Watch(Connection connection, Job job, Integer requestId) {
        this.connection = connection;
        this.job = job;
        this.requestId = requestId;
    }

    Job job() {
        return job;
    }

    /** Starts sending; events that came before (the job may start before ACCEPTED is out) go first, in order. */
    synchronized void arm() {
        armed = true;
        held.forEach(connection::sendLater);
        held.clear();
    }

    private synchronized void emit(Frame frame) {
        if (armed) {
            connection.sendLater(frame);
        } else {
            held.add(frame);
        }
    }

    @Override
    public synchronized void onProgress(Job j, double fraction, String message, Raster preview) {
        long now = System.nanoTime();
        if (preview == null && fraction - lastFraction < 0.01 && now - lastSent < MIN_INTERVAL_NANOS) {
            return;
        }
        lastFraction = fraction;
        lastSent = now;
        JsonObject h = Connection.header(requestId);
        h.addProperty("job", j.id());
        h.addProperty("fraction", fraction);
        h.addProperty("message", message);
        Frame f = Frame.of(MessageType.PROGRESS, h);
        emit(preview == null ? f : f.withRaster("preview", preview));
    }

    @Override
    public void onResult(Job j, OperationResult result) {
        connection.unwatch(this);
        emit(resultFrame(requestId, j.id(), result));
        j.forgetResult(); // the store keeps the durable copy until RELEASE
    }

    @Override
    public void onFailure(Job j, AtelierException error) {
        connection.unwatch(this);
        emit(failureFrame(requestId, j.id(), error));
    }

    static Frame resultFrame(Integer requestId, String jobId, OperationResult result) {
        return ResultFrames.encode(Connection.header(requestId), jobId, result);
    }

    static Frame failureFrame(Integer requestId, String jobId, AtelierException error) {
        return Frame.error(requestId, jobId, error.code(), error.getMessage());
    }
}
