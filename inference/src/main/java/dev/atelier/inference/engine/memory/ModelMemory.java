package dev.atelier.inference.engine.memory;

import dev.atelier.core.error.AtelierException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The models the engines have loaded, with their sizes and last use. Closes those unused for the idle time
 * ({@link #sweep}) and, before a model loads, the least recently used ones until it fits under the cap. A model in
 * use by a job is never closed: pinning and closing happen under this object's lock, and eviction skips pinned ones.
 * Owners never lock each other through it (closing touches only the model), so engines cannot deadlock here.
 */
public final class ModelMemory implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ModelMemory.class.getName());
    private static volatile ModelMemory shared;

    private final MemorySettings settings;
    private final LongSupplier millis;
    private final List<Resident<?>> residents = new ArrayList<>();
    private ScheduledExecutorService sweeper;

    /** Loads a model; called outside the memory's lock (loading can take minutes). */
    @FunctionalInterface
    public interface Loader<T extends AutoCloseable> {
        T load() throws AtelierException;
    }

    /** A budget with a clock in milliseconds (tests pass a fake one) and no sweeper thread. */
    public ModelMemory(MemorySettings settings, LongSupplier millis) {
        this.settings = settings;
        this.millis = millis;
    }

    /** A budget on the wall clock whose idle models are unloaded by a daemon thread (checks every minute at most). */
    public static ModelMemory started(MemorySettings settings) {
        ModelMemory m = new ModelMemory(settings, System::currentTimeMillis);
        if (!settings.idle().isZero()) {
            long every = Math.max(1000, Math.min(60_000, settings.idle().toMillis() / 4));
            m.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "atelier-model-idle");
                t.setDaemon(true);
                return t;
            });
            m.sweeper.scheduleWithFixedDelay(m::sweep, every, every, TimeUnit.MILLISECONDS);
        }
        return m;
    }

    /** The process's budget from {@link MemorySettings#fromEnvironment()}, started on first use. */
    public static ModelMemory shared() {
        ModelMemory m = shared;
        if (m == null) {
            synchronized (ModelMemory.class) {
                if (shared == null) {
                    shared = started(MemorySettings.fromEnvironment());
                }
                m = shared;
            }
        }
        return m;
    }

    public MemorySettings settings() {
        return settings;
    }

    /**
     * Makes room for {@code bytes}, loads the model and returns it pinned (call {@link Resident#unpin()} when the
     * job ends). A model larger than the whole cap still loads, after everything unpinned is closed.
     */
    public <T extends AutoCloseable> Resident<T> load(String name, long bytes, Loader<T> loader)
            throws AtelierException {
        synchronized (this) {
            sweep();
            makeRoom(name, bytes);
        }
        T model = loader.load();
        Resident<T> r = new Resident<>(this, name, bytes, model);
        synchronized (this) {
            r.users = 1;
            r.lastUsed = millis.getAsLong();
            residents.add(r);
        }
        return r;
    }

    private void makeRoom(String name, long bytes) {
        if (bytes > settings.capBytes()) {
            LOG.info(() -> "Model " + name + " (" + mb(bytes) + ") is larger than the model cap ("
                    + mb(settings.capBytes()) + "); loading it anyway");
        }
        List<Resident<?>> lru = new ArrayList<>(residents);
        lru.sort(Comparator.comparingLong(r -> r.lastUsed));
        for (Resident<?> r : lru) {
            if (loadedBytes() + bytes <= settings.capBytes()) {
                return;
            }
            if (r.users == 0) {
                LOG.info(() -> "Unloading model " + r.name + " (" + mb(r.bytes) + ", least recently used) to make "
                        + "room for " + name + " (" + mb(bytes) + ") under the " + mb(settings.capBytes()) + " cap");
                unload(r);
            }
        }
    }

    /** Closes every unpinned model unused for the idle time. */
    public synchronized void sweep() {
        if (settings.idle().isZero()) {
            return;
        }
        long now = millis.getAsLong();
        for (Resident<?> r : List.copyOf(residents)) {
            if (r.users == 0 && now - r.lastUsed >= settings.idle().toMillis()) {
                LOG.info(() -> "Unloading model " + r.name + " (" + mb(r.bytes) + "), unused for "
                        + time(settings.idle()));
                unload(r);
            }
        }
    }

    /** Bytes of the models loaded now. */
    public synchronized long loadedBytes() {
        return residents.stream().mapToLong(r -> r.bytes).sum();
    }

    /** Names of the models loaded now, least recently used first (for tests and diagnostics). */
    public synchronized List<String> loaded() {
        return residents.stream().sorted(Comparator.comparingLong(r -> r.lastUsed)).map(r -> r.name).toList();
    }

    synchronized boolean pin(Resident<?> r) {
        if (r.closed) {
            return false;
        }
        r.users++;
        r.lastUsed = millis.getAsLong();
        return true;
    }

    synchronized void unpin(Resident<?> r) {
        if (r.users > 0) {
            r.users--;
        }
        r.lastUsed = millis.getAsLong();
    }

    synchronized void unload(Resident<?> r) {
        residents.remove(r);
        if (!r.closed) {
            r.closed = true;
            r.closeModel();
        }
    }

    /**
     * A model's size: its file, or the sum of the files under its folder. The files' size on disk is a proxy for the
     * memory a loaded model takes (weights dominate; the runtime's own buffers and activations are not counted).
     */
    public static long sizeOnDisk(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // unreadable: the load itself will report it
        }
    }

    private static String mb(long bytes) {
        return bytes < 1 << 20 ? (bytes + 1023 >> 10) + " KB" : (bytes + (1 << 19) >> 20) + " MB";
    }

    private static String time(java.time.Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** Stops the sweeper thread; the models stay with their owners, who close them. */
    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
