package dev.atelier.inference.daemon;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.panel.BuiltInPanels;
import dev.atelier.core.workflow.AppPanels;
import dev.atelier.core.panel.Panel;
import dev.atelier.core.panel.PanelJson;
import dev.atelier.core.protocol.Frame;
import dev.atelier.core.protocol.MessageType;
import dev.atelier.core.protocol.Wire;
import dev.atelier.inference.engine.EngineSlot;
import dev.atelier.inference.job.Job;
import dev.atelier.inference.job.JobState;
import dev.atelier.inference.job.QueueCounts;
import dev.atelier.inference.models.ModelStore;
import dev.atelier.inference.workflow.AppJob;
import dev.atelier.inference.workflow.NodeExecutor;
import dev.atelier.inference.workflow.QueueNodeExecutor;
import dev.atelier.inference.workflow.WorkflowLibrary;
import java.io.IOException;
import java.util.Optional;

/** Answers each request message type; one method per type. Runs on the connection's reader thread. */
final class Handlers {

    /** The daemon's version string, reported in WELCOME and STATUS_REPLY. */
    static final String VERSION = "0.1.0";

    private final Daemon daemon;
    private final Connection connection;
    private final SubmitDecoder decoder;

    Handlers(Daemon daemon, Connection connection) {
        this.daemon = daemon;
        this.connection = connection;
        this.decoder = new SubmitDecoder(daemon.config().maxInputPixels(), daemon.config().maxOutputPixels(),
                daemon.engines(), daemon.workflows());
    }

    void handle(Frame frame) throws AtelierException, IOException {
        switch (frame.type()) {
            case HELLO -> hello(frame);
            case LIST_PANELS -> panels(frame);
            case SUBMIT -> submit(frame);
            case CANCEL -> cancel(frame);
            case FETCH -> fetch(frame);
            case RELEASE -> daemon.queue().release(jobId(frame));
            case STATUS -> status(frame);
            case ECHO -> connection.send(echo(frame));
            case SHUTDOWN -> {
                connection.send(Frame.of(MessageType.OK, reply(frame)));
                daemon.closeAsync();
            }
            default -> throw new AtelierException(ErrorCode.UNEXPECTED_MESSAGE,
                    frame.type() + " is not a request a daemon answers");
        }
    }

    private void hello(Frame frame) throws AtelierException, IOException {
        JsonObject h = frame.header();
        int protocol = h.has("protocol") ? h.get("protocol").getAsInt() : Wire.VERSION;
        if (protocol != Wire.VERSION) {
            throw new AtelierException(ErrorCode.UNSUPPORTED_VERSION, "Client speaks protocol " + protocol
                    + ", this daemon speaks " + Wire.VERSION + "; update Atelier so both match");
        }
        JsonObject r = reply(frame);
        r.addProperty("daemon", "atelier");
        r.addProperty("version", VERSION);
        r.addProperty("build", BuildStamp.current());
        r.addProperty("protocol", Wire.VERSION);
        r.addProperty("pid", ProcessHandle.current().pid());
        connection.send(Frame.of(MessageType.WELCOME, r));
    }

    private void panels(Frame frame) throws IOException {
        JsonArray list = new JsonArray();
        for (Panel panel : BuiltInPanels.all()) {
            JsonObject p = PanelJson.toJson(panel.descriptor());
            Optional<String> reason = daemon.engines().unavailableReason(panel.descriptor().operation());
            p.addProperty("available", reason.isEmpty());
            reason.ifPresent(r -> p.addProperty("unavailableReason", r));
            list.add(p);
        }
        // Apps: read the folders again, so a workflow file dropped in shows up without restarting the daemon.
        WorkflowLibrary.Scan scan = daemon.workflows().scan();
        for (WorkflowLibrary.Found app : scan.apps()) {
            JsonObject p = PanelJson.toJson(AppPanels.panel(app.workflow()).descriptor());
            Optional<String> reason = AppJob.unavailableReason(app.workflow(), daemon.engines());
            p.addProperty("available", reason.isEmpty());
            reason.ifPresent(r -> p.addProperty("unavailableReason", r));
            JsonObject skipped = new JsonObject();
            AppJob.missingEngines(app.workflow(), daemon.engines()).forEach(skipped::addProperty);
            if (reason.isEmpty() && skipped.size() > 0) {
                p.add("skippedNodes", skipped); // these steps pass their image through, with a notice
            }
            p.addProperty("workflowFile", app.file().toString());
            list.add(p);
        }
        JsonArray broken = new JsonArray();
        for (WorkflowLibrary.Broken b : scan.broken()) {
            JsonObject o = new JsonObject();
            o.addProperty("file", b.file().toString());
            o.addProperty("error", b.error());
            broken.add(o);
        }
        JsonObject r = reply(frame);
        r.add("panels", list);
        r.add("brokenWorkflows", broken);
        connection.send(Frame.of(MessageType.PANELS, r));
    }

    private void submit(Frame frame) throws AtelierException, IOException {
        SubmitDecoder.Submission s = decoder.decode(frame);
        JsonObject h = frame.header();
        int priority = h.has("priority") ? h.get("priority").getAsInt() : 0;
        boolean watch = !h.has("watch") || h.get("watch").getAsBoolean();
        Watch[] watcher = new Watch[1];
        // The watch is attached before the job can start (no early progress is lost) and armed after ACCEPTED.
        java.util.function.Consumer<Job> attach = j -> watcher[0] = watch ? connection.watch(j, null) : null;
        Job job = s.app().isPresent()
                ? daemon.queue().submitDriven(s.request(), s.input(), priority, attach,
                        new AppJob(s.app().get().workflow(), s.app().get().nodes(), sizeChecked(priority)))
                : daemon.queue().submit(s.request(), s.input(), priority, null, attach);
        JsonObject r = reply(frame);
        r.addProperty("job", job.id());
        connection.send(Frame.of(MessageType.ACCEPTED, r));
        if (watcher[0] != null) {
            watcher[0].arm();
        }
    }

    /** An App's nodes go on the queue with the same output-size limit as a host's own submits. */
    private NodeExecutor sizeChecked(int priority) {
        NodeExecutor queued = new QueueNodeExecutor(daemon.queue(), priority);
        return (request, input, progress, cancel) -> {
            decoder.checkOutputSize(request, input.image(), input.mask());
            return queued.execute(request, input, progress, cancel);
        };
    }

    private void cancel(Frame frame) throws AtelierException, IOException {
        String id = jobId(frame);
        // Cancelling a job that already ended is fine (the user clicked late); an unknown id is not.
        if (!daemon.queue().cancel(id) && daemon.queue().get(id).isEmpty()) {
            throw new AtelierException(ErrorCode.UNKNOWN_JOB, "Unknown job '" + id + "'");
        }
        connection.send(Frame.of(MessageType.OK, reply(frame)));
    }

    private void fetch(Frame frame) throws AtelierException, IOException {
        String id = jobId(frame);
        Integer rid = frame.id().isPresent() ? frame.id().getAsInt() : null;
        boolean wait = !frame.header().has("wait") || frame.header().get("wait").getAsBoolean();
        Optional<Job> job = daemon.queue().get(id);
        if (job.isPresent() && !job.get().state().isFinal()) {
            if (!wait) {
                throw new AtelierException(ErrorCode.BUSY, "Job " + id + " is still " + job.get().state()
                        .name().toLowerCase() + " (" + Math.round(job.get().fraction() * 100) + " %)");
            }
            connection.watch(job.get(), rid).arm();
            return;
        }
        if (job.isPresent() && job.get().state() != JobState.DONE) {
            AtelierException e = job.get().error();
            connection.send(Watch.failureFrame(rid, id, e));
            return;
        }
        OperationResult result = job.map(Job::result).orElse(null);
        if (result == null) {
            result = daemon.queue().store().get(id).orElseThrow(() -> new AtelierException(ErrorCode.UNKNOWN_JOB,
                    "Unknown job '" + id + "': it never existed, was released, or expired"));
        }
        connection.send(Watch.resultFrame(rid, id, result));
    }

    private void status(Frame frame) throws IOException {
        JsonObject r = reply(frame);
        r.addProperty("version", VERSION);
        r.addProperty("pid", ProcessHandle.current().pid());
        r.addProperty("uptimeMs", daemon.uptimeMillis());
        r.addProperty("socket", daemon.config().socket().toString());
        JsonArray engines = new JsonArray();
        for (EngineSlot slot : daemon.engines().slots()) {
            JsonObject e = new JsonObject();
            e.addProperty("id", slot.info().id());
            e.addProperty("name", slot.info().name());
            e.addProperty("state", slot.state().name().toLowerCase());
            JsonArray ops = new JsonArray();
            slot.info().operations().forEach(ops::add);
            e.add("operations", ops);
            slot.error().ifPresent(err -> e.addProperty("error", err));
            engines.add(e);
        }
        r.add("engines", engines);
        r.add("models", models());
        QueueCounts c = daemon.queue().counts();
        JsonObject q = new JsonObject();
        q.addProperty("queued", c.queued());
        q.addProperty("running", c.running());
        q.addProperty("done", c.done());
        q.addProperty("failed", c.failed());
        q.addProperty("cancelled", c.cancelled());
        r.add("queue", q);
        connection.send(Frame.of(MessageType.STATUS_REPLY, r));
    }

    /** The installed models with a cheap health check (manifest valid, files present with their sizes). */
    private JsonArray models() {
        JsonArray list = new JsonArray();
        ModelStore store = new ModelStore(daemon.config().models());
        try {
            for (ModelStore.Installed m : store.list()) {
                JsonObject o = new JsonObject();
                o.addProperty("id", m.id());
                m.manifest().ifPresent(man -> {
                    o.addProperty("task", man.task());
                    o.addProperty("format", man.format());
                    o.addProperty("engine", man.engine());
                });
                Optional<String> problem = ModelStore.quickCheck(m);
                o.addProperty("state", problem.isEmpty() ? "ok" : "broken");
                problem.ifPresent(p -> o.addProperty("error", p));
                list.add(o);
            }
        } catch (IOException e) {
            JsonObject o = new JsonObject();
            o.addProperty("id", "?");
            o.addProperty("state", "broken");
            o.addProperty("error", "cannot list " + store.root() + ": " + e.getMessage());
            list.add(o);
        }
        return list;
    }

    /** Returns the same header and blobs, for liveness checks and IPC benchmarks. */
    private static Frame echo(Frame frame) {
        Frame reply = Frame.of(MessageType.ECHO, frame.header());
        for (dev.atelier.core.protocol.BlobInfo b : frame.blobInfos()) {
            reply = reply.withBlob(b.name(), b.format(), b.width(), b.height(), frame.blob(b.name()).orElseThrow());
        }
        return reply;
    }

    private static JsonObject reply(Frame frame) {
        return Connection.header(frame.id().isPresent() ? frame.id().getAsInt() : null);
    }

    private static String jobId(Frame frame) throws AtelierException {
        JsonObject h = frame.header();
        if (!h.has("job") || !h.get("job").isJsonPrimitive()) {
            throw new AtelierException(ErrorCode.BAD_REQUEST, frame.type() + " needs a \"job\" id");
        }
        return h.get("job").getAsString();
    }
}
