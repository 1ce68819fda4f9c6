package dev.atelier.inference.engine.classical;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs numbered units of work (strips) on a small private thread pool. Workers pull the next strip index, so a
 * strip's result never depends on which thread ran it. Progress is reported from the calling thread only, in
 * order, so a sink sees a monotonic fraction ending at 1.
 */
final class StripRunner {

    /** One worker's reusable state: processes a strip with its own buffers. */
    @FunctionalInterface
    interface Worker {
        void process(int strip) throws AtelierException;
    }

    private StripRunner() {}

    /**
     * Runs strips 0..n-1 on {@code threads} workers, each made by {@code workers} (so buffers are per thread),
     * checking {@code cancel} before every strip. Returns when all strips are done; throws the first failure.
     */
    static void run(int n, int threads, Supplier<Worker> workers, String label, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        int poolSize = Math.max(1, Math.min(threads, n));
        AtomicInteger next = new AtomicInteger();
        BlockingQueue<Object> done = new LinkedBlockingQueue<>();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, r -> {
            Thread t = new Thread(r, "atelier-" + label + "-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < poolSize; i++) {
                pool.execute(() -> {
                    try {
                        Worker w = workers.get();
                        int s;
                        while ((s = next.getAndIncrement()) < n) {
                            cancel.check();
                            w.process(s);
                            done.add(s);
                        }
                    } catch (Throwable t) {
                        next.set(n); // the others stop after their current strip
                        done.add(t);
                    }
                });
            }
            for (int i = 1; i <= n; i++) {
                Object r = done.take();
                if (r instanceof Throwable t) {
                    throw rethrow(t);
                }
                progress.report((double) i / n, label + " strip " + i + "/" + n);
                if (cancel.isCancelled() && i < n) {
                    next.set(n); // workers may be strips ahead of this loop; stop them now, not at the end
                    cancel.check();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next.set(n);
            throw new AtelierException(ErrorCode.CANCELLED, "Cancelled (interrupted)", e);
        } finally {
            pool.shutdown();
            awaitQuietly(pool); // no strip keeps running (and holding memory) after we return
        }
    }

    private static AtelierException rethrow(Throwable t) {
        if (t instanceof AtelierException a) {
            return a;
        }
        if (t instanceof OutOfMemoryError) {
            return new AtelierException(ErrorCode.OUT_OF_MEMORY, "Out of memory while processing strips", t);
        }
        return new AtelierException(ErrorCode.ENGINE_FAILURE, "Strip processing failed: " + t, t);
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
