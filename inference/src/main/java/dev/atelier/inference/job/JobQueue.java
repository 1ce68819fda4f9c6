package dev.atelier.inference.job;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The daemon's job queue. Jobs get unguessable ids, wait in a priority queue, run on the heavy lane (one model
 * job at a time) or the light lane (CPU jobs alongside), report progress and can be cancelled while queued or
 * running. Finished results go to the {@link ResultStore} so they survive a disconnected host.
 */
public final class JobQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobQueue.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EngineRegistry engines;
    private final ResultStore store;
    private final Lane heavy;
    private final Lane light;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger[] ended = { // by JobState ordinal
        new AtomicInteger(), new AtomicInteger(),
        new AtomicInteger(), new AtomicInteger(),
        new AtomicInteger()};

    public JobQueue(EngineRegistry engines, ResultStore store, int lightThreads) {
        this.engines = engines;
        this.store = store;
        this.heavy = new Lane("heavy", 1, this::run);
        this.light = new Lane("light", Math.max(1, lightThreads), this::run);
    }

    /**
     * Queues a request, or throws OPERATION_UNAVAILABLE when no engine can run it (checked before queueing so the
     * host hears it at once).
     */
    public Job submit(OperationRequest request, JobInput input, int priority, JobListener listener)
            throws AtelierException {
        return submit(request, input, priority, listener, job -> {});
    }

    /**
     * Queues a request like {@link #submit(OperationRequest, JobInput, int, JobListener)}, calling
     * {@code beforeQueued} with the new job before any worker can start it — the daemon announces the job id and
     * attaches its watcher there, so a host never misses the first progress events.
     */
    public Job submit(OperationRequest request, JobInput input, int priority, JobListener listener,
            java.util.function.Consumer<Job> beforeQueued) throws AtelierException {
        EngineRegistry.Route route = engines.route(request, input);
        if (!route.found()) {
            throw new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, route.reason());
        }
        String id = newId();
        boolean isHeavy = route.slot().info().heavy();
        Job job = new Job(id, request, input, priority, sequence.incrementAndGet(), isHeavy);
        if (listener != null) {
            job.addListener(listener);
        }
        jobs.put(id, job);
        beforeQueued.accept(job);
        (isHeavy ? heavy : light).add(job);
        return job;
    }

    /**
     * Work a job does itself instead of an engine: an App's workflow run, which drives node jobs on this queue.
     */
    @FunctionalInterface
    public interface JobBody {
        OperationResult run(JobInput input, ProgressSink progress, CancelToken cancel) throws AtelierException;
    }

    /**
     * Starts a job whose work is {@code body}, on a thread of its own rather than in a lane: a body that waits for
     * jobs it submits would deadlock a lane's worker (the heavy lane has one). Otherwise it is a job like any
     * other: an id, progress, cancel, FETCH and the stored result.
     */
    public Job submitDriven(OperationRequest request, JobInput input, int priority,
            java.util.function.Consumer<Job> beforeStart, JobBody body) {
        Job job = new Job(newId(), request, input, priority, sequence.incrementAndGet(), false);
        jobs.put(job.id(), job);
        beforeStart.accept(job);
        Thread t = new Thread(() -> {
            if (job.markRunning()) {
                try {
                    execute(job, body);
                } finally {
                    ended[job.state().ordinal()].incrementAndGet();
                }
            }
        }, "atelier-driven-" + job.id());
        t.setDaemon(true);
        t.start();
        return job;
    }

    private static String newId() {
        byte[] idBytes = new byte[9];
        RANDOM.nextBytes(idBytes);
        return "j-" + HexFormat.of().formatHex(idBytes);
    }

    public Optional<Job> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Cancels a queued or running job; returns false for unknown or already finished jobs. */
    public boolean cancel(String id) {
        Job job = jobs.get(id);
        if (job == null || job.state().isFinal()) {
            return false;
        }
        job.cancelToken().cancel();
        if ((job.heavy() ? heavy : light).remove(job)) { // a driven job is in no lane: its body sees the token
            job.fail(new AtelierException(ErrorCode.CANCELLED, "Cancelled before it started"));
            ended[JobState.CANCELLED.ordinal()].incrementAndGet();
        }
        return true;
    }

    /** Forgets a job entirely: its in-memory record and its stored result. */
    public void release(String id) throws IOException {
        Job job = jobs.remove(id);
        if (job != null) {
            job.forgetResult();
        }
        store.delete(id);
    }

    /** Forgets jobs that ended longer than {@code age} ago (their stored results expire separately). */
    public void evictFinished(java.time.Duration age) {
        long cutoff = System.currentTimeMillis() - age.toMillis();
        jobs.values().removeIf(j -> j.state().isFinal() && j.finishedAtMillis() < cutoff);
    }

    public ResultStore store() {
        return store;
    }

    /** Returns jobs queued and running now, and those done, failed or cancelled since the daemon started. */
    public QueueCounts counts() {
        int queued = 0;
        int running = 0;
        for (Job j : jobs.values()) {
            queued += j.state() == JobState.QUEUED ? 1 : 0;
            running += j.state() == JobState.RUNNING ? 1 : 0;
        }
        return new QueueCounts(queued, running, ended[JobState.DONE.ordinal()].get(),
                ended[JobState.FAILED.ordinal()].get(), ended[JobState.CANCELLED.ordinal()].get());
    }

    private void run(Job job) {
        if (!job.markRunning()) {
            return; // cancelled while queued
        }
        try {
            execute(job, this::runOnEngine);
        } finally {
            ended[job.state().ordinal()].incrementAndGet();
        }
    }

    /** The usual job body: the engine the registry routes the request to. */
    private OperationResult runOnEngine(Job job) throws AtelierException {
        EngineRegistry.Route route = engines.route(job.request(), job.input());
        if (!route.found()) {
            throw new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, route.reason());
        }
        OperationResult result = route.engine().run(job.request(), job.input(),
                new JobProgress(job), job.cancelToken());
        return route.reason() != null ? result.withNotice(route.reason()) : result;
    }

    private interface Body {
        OperationResult run(Job job) throws AtelierException;
    }

    private void execute(Job job, JobBody body) {
        execute(job, j -> body.run(j.input(), new JobProgress(j), j.cancelToken()));
    }

    private void execute(Job job, Body body) {
        try {
            job.cancelToken().check();
            OperationResult result = body.run(job);
            store.put(job.id(), result);
            job.finish(result);
        } catch (AtelierException e) {
            job.fail(e);
        } catch (OutOfMemoryError e) {
            job.fail(new AtelierException(ErrorCode.OUT_OF_MEMORY,
                    "Out of memory: try a smaller image or factor, or give the daemon more memory (ATELIER_JAVA_OPTS=-Xmx…)"));
        } catch (IOException e) {
            job.fail(new AtelierException(ErrorCode.INTERNAL, "Could not store the result: " + e.getMessage(), e));
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            // Any engine bug ends this job with a message; the worker thread and the daemon carry on.
            LOG.log(Level.WARNING, "engine failed on " + job.id(), e);
            job.fail(new AtelierException(ErrorCode.ENGINE_FAILURE, "Engine failed: " + e, e));
        }
    }

    @Override
    public void close() {
        heavy.close();
        light.close();
        for (Job job : jobs.values()) {
            job.cancelToken().cancel();
        }
    }

    /** Forwards an engine's progress to the job, ignoring it once cancelled. */
    private record JobProgress(Job job) implements dev.atelier.inference.engine.ProgressSink {
        @Override
        public void report(double fraction, String message) {
            job.progress(fraction, message, null);
        }

        @Override
        public void report(double fraction, String message, dev.atelier.core.image.Raster preview) {
            job.progress(fraction, message, preview);
        }
    }
}
