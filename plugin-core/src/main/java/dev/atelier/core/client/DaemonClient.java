package dev.atelier.core.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.panel.PanelJson;
import dev.atelier.core.protocol.Frame;
import dev.atelier.core.protocol.FrameReader;
import dev.atelier.core.protocol.FrameWriter;
import dev.atelier.core.protocol.MessageType;
import dev.atelier.core.protocol.Wire;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection to the Atelier daemon: says HELLO (checking the protocol version), lists panels, submits jobs
 * and follows their progress, cancels, fetches results by job id, and reconnects — starting the daemon if
 * {@link ClientOptions#launcher()} is set — after the daemon went away. Thread-safe; one reader thread per
 * connection routes replies to waiting callers and job events to {@link JobHandle}s.
 *
 * <pre>{@code
 * try (DaemonClient client = DaemonClient.connect(ClientOptions.builder().optLauncher(cmd).build())) {
 *     JobHandle job = client.submit(Submission.builder().setOperation("upscale").setImage(img)
 *             .optParam("factor", 2).build(), (f, msg, preview) -> bar.set(f));
 *     OperationResult result = job.await();
 * }
 * }</pre>
 */
public final class DaemonClient implements AutoCloseable {

    private final ClientOptions options;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, ProgressListener> pendingSubmits = new ConcurrentHashMap<>();
    private final Map<Integer, JobHandle> pendingFetches = new ConcurrentHashMap<>();
    private final Map<String, JobHandle> jobs = new ConcurrentHashMap<>();
    private volatile Link link;
    private volatile JsonObject welcome;
    private volatile boolean closed;

    private DaemonClient(ClientOptions options) {
        this.options = options;
    }

    /** Connects (starting the daemon when allowed and needed) and says HELLO. */
    public static DaemonClient connect(ClientOptions options) throws AtelierException {
        DaemonClient client = new DaemonClient(options);
        client.open();
        return client;
    }

    private synchronized void open() throws AtelierException {
        SocketChannel channel = DaemonStarter.connect(options);
        link = new Link(channel);
        Thread reader = new Thread(() -> readLoop(link), "atelier-client-reader");
        reader.setDaemon(true);
        reader.start();
        JsonObject h = new JsonObject();
        h.addProperty("client", options.clientName());
        h.addProperty("protocol", Wire.VERSION);
        welcome = call(MessageType.HELLO, h, null).header();
    }

    /** Connects again if the connection was lost (no-op while it is alive), starting the daemon if allowed. */
    public synchronized void reconnect() throws AtelierException {
        Link old = link;
        if (old != null && !old.dead) {
            return;
        }
        open();
    }

    /** Returns the daemon's WELCOME header: version, protocol, pid. */
    public JsonObject welcome() {
        return welcome.deepCopy();
    }

    /** Returns the panels the daemon offers, each marked available or not (with the reason). */
    public List<RemotePanel> panels() throws AtelierException {
        return listing().panels();
    }

    /** Returns the panels the daemon offers (built-ins, then Apps) and the workflow files it could not use. */
    public PanelListing listing() throws AtelierException {
        JsonObject header = call(MessageType.LIST_PANELS, new JsonObject(), null).header();
        JsonArray list = header.getAsJsonArray("panels");
        List<RemotePanel> panels = new ArrayList<>();
        for (JsonElement e : list) {
            JsonObject p = e.getAsJsonObject();
            boolean available = !p.has("available") || p.get("available").getAsBoolean();
            Optional<String> reason = p.has("unavailableReason")
                    ? Optional.of(p.get("unavailableReason").getAsString()) : Optional.empty();
            panels.add(new RemotePanel(PanelJson.fromJson(p), available, reason));
        }
        List<PanelListing.BrokenWorkflow> broken = new ArrayList<>();
        if (header.has("brokenWorkflows")) { // absent from daemons older than Apps
            for (JsonElement e : header.getAsJsonArray("brokenWorkflows")) {
                JsonObject b = e.getAsJsonObject();
                broken.add(new PanelListing.BrokenWorkflow(b.get("file").getAsString(), b.get("error").getAsString()));
            }
        }
        return new PanelListing(panels, broken);
    }

    /** Returns the daemon's STATUS_REPLY header: engines, queue counts, uptime. */
    public JsonObject status() throws AtelierException {
        return call(MessageType.STATUS, new JsonObject(), null).header();
    }

    /** Submits a job and returns at once; progress goes to {@code listener}. */
    public JobHandle submit(Submission s, ProgressListener listener) throws AtelierException {
        JsonObject h = new JsonObject();
        h.addProperty("op", s.operation());
        JsonObject params = new JsonObject();
        s.params().forEach(params::add);
        h.add("params", params);
        h.addProperty("priority", s.priority());
        h.addProperty("watch", true);
        int id = ids.incrementAndGet();
        pendingSubmits.put(id, listener == null ? ProgressListener.none() : listener);
        try {
            Frame reply = call(MessageType.SUBMIT, h, id, frame -> {
                Frame f = frame.withRaster("image", s.image());
                return s.mask().map(m -> f.withGray("mask", m.width(), m.height(), m.unsafeBytes())).orElse(f);
            });
            return jobs.get(reply.header().get("job").getAsString());
        } finally {
            pendingSubmits.remove(id);
        }
    }

    /** Submits a job and waits for its result. */
    public OperationResult run(Submission s, ProgressListener listener) throws AtelierException {
        return submit(s, listener).await();
    }

    /** Asks the daemon to cancel a job (queued or running). */
    public void cancel(String jobId) throws AtelierException {
        JsonObject h = new JsonObject();
        h.addProperty("job", jobId);
        call(MessageType.CANCEL, h, null);
    }

    /** Waits for a job's result by id — also for a job submitted on an earlier connection. */
    public OperationResult fetch(String jobId, ProgressListener listener) throws AtelierException {
        JobHandle handle = new JobHandle(this, jobId, listener == null ? ProgressListener.none() : listener);
        follow(handle);
        return handle.await();
    }

    /** Sends bytes to the daemon and returns what it echoes (a liveness and throughput probe). */
    public byte[] echo(byte[] payload) throws AtelierException {
        Frame reply = call(MessageType.ECHO, new JsonObject(), null,
                f -> f.withBytes("payload", payload));
        return reply.blob("payload").orElseThrow();
    }

    /** Asks the daemon to stop. */
    public void shutdown() throws AtelierException {
        call(MessageType.SHUTDOWN, new JsonObject(), null);
    }

    /** Sends FETCH for a handle's job and routes the reply (and progress) to it. */
    void follow(JobHandle handle) throws AtelierException {
        int id = ids.incrementAndGet();
        jobs.put(handle.id(), handle);
        pendingFetches.put(id, handle);
        JsonObject h = new JsonObject();
        h.addProperty("id", id);
        h.addProperty("job", handle.id());
        h.addProperty("wait", true);
        try {
            link.send(Frame.of(MessageType.FETCH, h));
        } catch (IOException e) {
            pendingFetches.remove(id);
            throw lost(e);
        }
    }

    void releaseQuietly(String jobId) {
        jobs.remove(jobId);
        JsonObject h = new JsonObject();
        h.addProperty("job", jobId);
        try {
            link.send(Frame.of(MessageType.RELEASE, h));
        } catch (IOException e) {
            // The result expires on its own; nothing else to do.
        }
    }

    private Frame call(MessageType type, JsonObject header, Integer presetId) throws AtelierException {
        return call(type, header, presetId, f -> f);
    }

    private Frame call(MessageType type, JsonObject header, Integer presetId,
            java.util.function.UnaryOperator<Frame> blobs) throws AtelierException {
        int id = presetId != null ? presetId : ids.incrementAndGet();
        JsonObject h = new JsonObject();
        h.addProperty("id", id);
        header.entrySet().forEach(e -> h.add(e.getKey(), e.getValue()));
        CompletableFuture<Frame> reply = new CompletableFuture<>();
        pending.put(id, reply);
        Link l = link;
        try {
            if (l == null) {
                throw lost(null);
            }
            l.send(blobs.apply(Frame.of(type, h)));
            Frame frame = reply.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (frame.type() == MessageType.ERROR) {
                throw new AtelierException(frame.errorCode(), frame.errorMessage());
            }
            return frame;
        } catch (IOException e) {
            l.dead = true; // the reader may not have noticed yet; reconnect() must not trust this link
            l.close();
            throw lost(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AtelierException ae ? ae
                    : new AtelierException(ErrorCode.INTERNAL, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new AtelierException(ErrorCode.TIMEOUT, "The daemon did not answer " + type + " within "
                    + options.requestTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AtelierException(ErrorCode.CANCELLED, "Interrupted while waiting for the daemon");
        } finally {
            pending.remove(id);
        }
    }

    private void readLoop(Link l) {
        AtelierException end = null;
        try {
            while (true) {
                java.util.Optional<Frame> frame = l.reader.read();
                if (frame.isEmpty()) {
                    break;
                }
                route(frame.get());
            }
        } catch (IOException e) {
            end = lost(e);
        }
        l.dead = true;
        l.close();
        if (closed || link != l) {
            return; // we closed it, or a newer connection took over
        }
        AtelierException failure = end != null ? end : lost(null);
        pending.values().forEach(f -> f.completeExceptionally(failure));
        pendingFetches.clear();
        jobs.values().forEach(j -> j.fail(failure));
    }

    private void route(Frame frame) {
        JsonObject h = frame.header();
        String jobId = h.has("job") ? h.get("job").getAsString() : null;
        Integer id = frame.id().isPresent() ? frame.id().getAsInt() : null;
        if (frame.type() == MessageType.PROGRESS) {
            JobHandle handle = jobId == null ? null : jobs.get(jobId);
            if (handle != null) {
                Raster preview = frame.raster("preview").orElse(null);
                try {
                    handle.listener.onProgress(h.get("fraction").getAsDouble(), h.get("message").getAsString(),
                            preview);
                } catch (RuntimeException e) {
                    // A host's listener bug must not kill the reader thread.
                }
            }
            return;
        }
        if (id != null && frame.type() == MessageType.ACCEPTED && pendingSubmits.containsKey(id)) {
            // Register before completing: the job's RESULT may be the very next frame.
            jobs.put(jobId, new JobHandle(this, jobId, pendingSubmits.get(id)));
        }
        if (id != null && pending.containsKey(id)) {
            pending.get(id).complete(frame);
            return;
        }
        JobHandle handle = null;
        if (id != null) {
            handle = pendingFetches.remove(id);
        }
        if (handle == null && jobId != null) {
            handle = jobs.get(jobId);
        }
        if (handle != null) {
            if (frame.type() == MessageType.RESULT) {
                try {
                    handle.complete(ResultFrames.decode(frame));
                } catch (AtelierException e) {
                    handle.fail(e);
                }
            } else if (frame.type() == MessageType.ERROR) {
                handle.fail(new AtelierException(frame.errorCode(), frame.errorMessage()));
            }
        }
    }

    private AtelierException lost(IOException cause) {
        return new AtelierException(ErrorCode.DAEMON_UNAVAILABLE, "Lost the connection to the Atelier daemon"
                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }

    @Override
    public void close() {
        closed = true;
        Link l = link;
        if (l != null) {
            l.close();
        }
    }

    /** One socket connection with its framed streams. */
    private final class Link {
        final SocketChannel channel;
        final FrameReader reader;
        final FrameWriter writer;
        volatile boolean dead;

        Link(SocketChannel channel) {
            this.channel = channel;
            ChannelStreams.tune(channel);
            this.reader = new FrameReader(new BufferedInputStream(ChannelStreams.input(channel), 1 << 16),
                    options.limits());
            this.writer = new FrameWriter(new BufferedOutputStream(ChannelStreams.output(channel), 1 << 16),
                    options.limits());
        }

        void send(Frame frame) throws IOException {
            synchronized (writer) {
                writer.write(frame);
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // Already gone.
            }
        }
    }
}
