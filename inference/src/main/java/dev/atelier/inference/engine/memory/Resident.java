package dev.atelier.inference.engine.memory;

import java.util.Optional;

/**
 * One loaded model known to a {@link ModelMemory}. Its owner keeps it between jobs, {@link #pin pins} it for each
 * job and {@link #close closes} it when done with it; the memory may close it in between (idle or evicted), after
 * which {@code pin} is empty and the owner loads the model again.
 */
public final class Resident<T extends AutoCloseable> implements AutoCloseable {

    private final ModelMemory memory;
    final String name;
    final long bytes;
    private final T model;
    // guarded by memory
    int users;
    long lastUsed;
    boolean closed;

    Resident(ModelMemory memory, String name, long bytes, T model) {
        this.memory = memory;
        this.name = name;
        this.bytes = bytes;
        this.model = model;
    }

    /** The model, pinned for a job; empty when the memory has unloaded it. */
    public Optional<T> pin() {
        return memory.pin(this) ? Optional.of(model) : Optional.empty();
    }

    /** The model of a resident pinned by this job (by {@link ModelMemory#load} or {@link #pin}). */
    public T model() {
        return model;
    }

    /** Ends one job's use; the idle time counts from now. */
    public void unpin() {
        memory.unpin(this);
    }

    void closeModel() {
        try {
            model.close();
        } catch (Exception e) {
            // a model that fails to close is gone either way; nothing the next job could do about it
        }
    }

    /** Closes the model now (its owner is done with it). */
    @Override
    public void close() {
        memory.unload(this);
    }
}
