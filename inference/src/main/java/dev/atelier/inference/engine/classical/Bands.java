package dev.atelier.inference.engine.classical;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.engine.CancelToken;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small thread pool that runs numbered bands of rows and waits for them, kept for the length of one fill (many
 * short passes; a pool per pass would cost more than the pass). A band's result never depends on which thread ran
 * it, so output does not change with the thread count.
 */
final class Bands implements AutoCloseable {

    /** One band of work. */
    @FunctionalInterface
    interface Band {
        void run(int band) throws AtelierException;
    }

    private final ExecutorService pool;
    private final int threads;

    Bands(int threads, String label) {
        this.threads = Math.max(1, threads);
        AtomicInteger n = new AtomicInteger();
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "atelier-" + label + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs bands 0..count-1 and returns when all are done; checks {@code cancel} before each band. */
    void run(int count, Band band, CancelToken cancel) throws AtelierException {
        if (pool == null) {
            for (int b = 0; b < count; b++) {
                cancel.check();
                band.run(b);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, count); t++) {
            futures.add(pool.submit(() -> {
                int b;
                while ((b = next.getAndIncrement()) < count) {
                    cancel.check();
                    band.run(b);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            next.set(count);
            Thread.currentThread().interrupt();
            throw new AtelierException(ErrorCode.CANCELLED, "Cancelled (interrupted)", e);
        } catch (ExecutionException e) {
            next.set(count);
            Throwable cause = e.getCause();
            if (cause instanceof AtelierException a) {
                throw a;
            }
            if (cause instanceof OutOfMemoryError) {
                throw new AtelierException(ErrorCode.OUT_OF_MEMORY, "Out of memory while filling", cause);
            }
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, "Fill failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
