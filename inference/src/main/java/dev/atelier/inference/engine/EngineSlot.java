package dev.atelier.inference.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One discovered engine: its metadata, and the engine itself once loaded. Loading happens on first use; when it
 * fails, the slot stays broken with the error (reported by {@code atelier status}) and the daemon carries on.
 */
public final class EngineSlot implements AutoCloseable {

    /** Lifecycle of a slot. */
    public enum State { DESCRIBED, READY, BROKEN }

    private final EngineInfo info;
    private final Supplier<EngineProvider> provider;
    private final EngineContext context;
    private State state;
    private Engine engine;
    private String error;

    EngineSlot(EngineInfo info, Supplier<EngineProvider> provider, EngineContext context) {
        this.info = Objects.requireNonNull(info);
        this.provider = provider;
        this.context = context;
        this.state = State.DESCRIBED;
    }

    static EngineSlot broken(EngineInfo info, String error) {
        EngineSlot slot = new EngineSlot(info, null, null);
        slot.state = State.BROKEN;
        slot.error = error;
        return slot;
    }

    public EngineInfo info() {
        return info;
    }

    public synchronized State state() {
        return state;
    }

    /** Returns the load error of a broken slot. */
    public synchronized Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** Returns the engine, loading it on first call; empty when it is (or just became) broken. */
    public synchronized Optional<Engine> engine() {
        if (state == State.DESCRIBED) {
            try {
                engine = Objects.requireNonNull(provider.get().create(context), "create() returned null");
                state = State.READY;
            } catch (Exception | LinkageError e) {
                state = State.BROKEN;
                error = "failed to load: " + e;
            }
        }
        return Optional.ofNullable(engine);
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            try {
                engine.close();
            } catch (Exception e) {
                // Closing at shutdown: nothing useful to do but carry on with the other engines.
            }
            engine = null;
            state = State.DESCRIBED;
        }
    }
}
