package dev.atelier.inference.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.function.Consumer;

/**
 * A set of worker threads taking jobs from one priority queue: higher priority first, then first come first
 * served. The heavy lane has one worker (one model job at a time); the light lane one per core.
 */
final class Lane implements AutoCloseable {

    private static final Comparator<Job> ORDER =
            Comparator.comparingInt(Job::priority).reversed().thenComparingLong(Job::sequence);

    private final PriorityBlockingQueue<Job> queue = new PriorityBlockingQueue<>(16, ORDER);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    Lane(String name, int threads, Consumer<Job> runner) {
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> work(runner), "atelier-" + name + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    void add(Job job) {
        queue.add(job);
    }

    /** Removes a job that has not started; returns false if a worker already took it. */
    boolean remove(Job job) {
        return queue.remove(job);
    }

    int size() {
        return queue.size();
    }

    private void work(Consumer<Job> runner) {
        while (!closed) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                runner.accept(job);
            } catch (RuntimeException | Error e) {
                // The runner already turns engine failures into failed jobs; this only keeps the lane alive.
                java.util.logging.Logger.getLogger(Lane.class.getName())
                        .log(java.util.logging.Level.SEVERE, "job runner failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }
}
