package dev.atelier.inference.daemon;

import com.google.gson.JsonObject;
import dev.atelier.core.client.ChannelStreams;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.protocol.Frame;
import dev.atelier.core.protocol.FrameReader;
import dev.atelier.core.protocol.FrameWriter;
import dev.atelier.core.protocol.MessageType;
import dev.atelier.core.protocol.ProtocolException;
import dev.atelier.inference.job.Job;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection: reads frames on its own thread and answers them. Frames caused by jobs (progress,
 * results) go through a per-connection outbox thread, so a slow client never stalls an engine. A protocol error
 * (1xx) is answered with an ERROR frame and closes only this connection; other clients are unaffected.
 */
final class Connection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    private final Daemon daemon;
    private final SocketChannel channel;
    private final FrameWriter writer;
    private final ExecutorService outbox;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Handlers handlers;
    private volatile boolean closed;
    private boolean greeted;

    Connection(Daemon daemon, SocketChannel channel) {
        this.daemon = daemon;
        this.channel = channel;
        ChannelStreams.tune(channel);
        this.writer = new FrameWriter(new BufferedOutputStream(ChannelStreams.output(channel), 1 << 16),
                daemon.config().limits());
        this.outbox = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "atelier-outbox");
            t.setDaemon(true);
            return t;
        });
        this.handlers = new Handlers(daemon, this);
    }

    void serve() {
        FrameReader reader = new FrameReader(new BufferedInputStream(ChannelStreams.input(channel), 1 << 16),
                daemon.config().limits());
        try {
            while (!closed) {
                java.util.Optional<Frame> next = reader.read();
                if (next.isEmpty()) {
                    break; // client closed cleanly
                }
                Frame frame = next.get();
                daemon.touch();
                if (!greeted && frame.type() != MessageType.HELLO) {
                    sendError(frame, ErrorCode.UNEXPECTED_MESSAGE, "Send HELLO first");
                    break;
                }
                greeted = true;
                try {
                    handlers.handle(frame);
                } catch (AtelierException e) {
                    sendError(frame, e.code(), e.getMessage());
                    if (e.code().closesConnection()) {
                        break;
                    }
                }
            }
        } catch (ProtocolException e) {
            trySend(Frame.error(e.code(), e.getMessage()));
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection ended", e); // client went away mid-frame; its jobs carry on
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "internal error on a connection", e);
            trySend(Frame.error(ErrorCode.INTERNAL, "Internal error: " + e));
        } finally {
            close();
        }
    }

    /** Sends a frame now, from the calling thread. */
    void send(Frame frame) throws IOException {
        synchronized (writer) {
            writer.write(frame);
        }
    }

    /** Sends a frame later, from the outbox thread; failures close the connection. */
    void sendLater(Frame frame) {
        if (closed) {
            return;
        }
        try {
            outbox.execute(() -> {
                if (!trySend(frame)) {
                    close();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    void sendError(Frame request, ErrorCode code, String message) {
        trySend(Frame.error(request.id(), code, message));
    }

    /**
     * Follows a job on this connection; the watch ends with the job or with the connection. Its frames are held
     * until {@link Watch#arm()}, so a reply that must come first (ACCEPTED) can be sent in between.
     */
    Watch watch(Job job, Integer requestId) {
        Watch w = new Watch(this, job, requestId);
        watches.add(w);
        job.addListener(w);
        return w;
    }

    void unwatch(Watch w) {
        watches.remove(w);
    }

    /** Refuses a connection that is over the limit: says why, then closes. */
    void refuse(ErrorCode code, String message) {
        trySend(Frame.error(code, message));
        close();
    }

    private boolean trySend(Frame frame) {
        try {
            send(frame);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static JsonObject header(Integer id) {
        JsonObject h = new JsonObject();
        if (id != null) {
            h.addProperty("id", id);
        }
        return h;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Watch w : watches) {
            w.job().removeListener(w);
        }
        watches.clear();
        outbox.shutdown();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "close", e);
        }
    }
}
