package dev.atelier.inference.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle unload, LRU eviction under the cap and pinning, on a fake clock with stand-in models. */
class ModelMemoryTest {

    private static final long MB = 1 << 20;

    private final AtomicLong now = new AtomicLong(1_000);

    /** A stand-in for a loaded model that remembers being closed. */
    private static final class Fake implements AutoCloseable {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private ModelMemory memory(Duration idle, long capMb) {
        return new ModelMemory(new MemorySettings(idle, capMb * MB), now::get);
    }

    @Test
    void idleModelIsUnloadedAfterTheIdleTimeAndNotBefore() throws Exception {
        ModelMemory m = memory(Duration.ofMinutes(10), 100);
        Fake f = new Fake();
        Resident<Fake> r = m.load("a", MB, () -> f);
        r.unpin();
        now.addAndGet(Duration.ofMinutes(10).toMillis() - 1);
        m.sweep();
        assertFalse(f.closed);
        now.addAndGet(1);
        m.sweep();
        assertTrue(f.closed);
        assertTrue(r.pin().isEmpty(), "an unloaded model cannot be pinned; the owner loads it again");
        assertEquals(0, m.loadedBytes());
    }

    @Test
    void zeroIdleNeverUnloads() throws Exception {
        ModelMemory m = memory(Duration.ZERO, 100);
        Fake f = new Fake();
        m.load("a", MB, () -> f).unpin();
        now.addAndGet(Duration.ofDays(30).toMillis());
        m.sweep();
        assertFalse(f.closed);
    }

    @Test
    void pinnedModelIsNeverUnloadedWhenIdleOrEvicted() throws Exception {
        ModelMemory m = memory(Duration.ofMinutes(1), 10);
        Fake running = new Fake();
        Resident<Fake> r = m.load("running", 8 * MB, () -> running); // pinned: a job is using it
        now.addAndGet(Duration.ofHours(1).toMillis());
        m.sweep();
        Fake other = new Fake();
        m.load("other", 8 * MB, () -> other);
        assertFalse(running.closed, "a running job's model stays loaded, even over the cap");
        assertEquals(16 * MB, m.loadedBytes());
        r.unpin();
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        m.sweep();
        assertTrue(running.closed);
    }

    @Test
    void leastRecentlyUsedAreEvictedToStayUnderTheCap() throws Exception {
        ModelMemory m = memory(Duration.ZERO, 10);
        Fake a = new Fake();
        Fake b = new Fake();
        Fake c = new Fake();
        Resident<Fake> ra = m.load("a", 4 * MB, () -> a);
        ra.unpin();
        now.incrementAndGet();
        m.load("b", 4 * MB, () -> b).unpin();
        now.incrementAndGet();
        ra.pin().orElseThrow(); // a used again: b is now the least recently used
        ra.unpin();
        now.incrementAndGet();
        m.load("c", 4 * MB, () -> c).unpin();
        assertTrue(b.closed);
        assertFalse(a.closed);
        assertFalse(c.closed);
        assertEquals(List.of("a", "c"), m.loaded());
        assertEquals(8 * MB, m.loadedBytes());
    }

    @Test
    void modelLargerThanTheCapStillLoadsAfterEvictingTheRest() throws Exception {
        ModelMemory m = memory(Duration.ZERO, 10);
        Fake small = new Fake();
        m.load("small", 2 * MB, () -> small).unpin();
        Fake big = new Fake();
        Resident<Fake> r = m.load("big", 20 * MB, () -> big);
        assertTrue(small.closed);
        assertEquals(big, r.model());
        assertEquals(List.of("big"), m.loaded());
    }

    @Test
    void closingTheResidentClosesTheModelOnce() throws Exception {
        ModelMemory m = memory(Duration.ZERO, 10);
        Fake f = new Fake();
        Resident<Fake> r = m.load("a", MB, () -> f);
        r.close();
        assertTrue(f.closed);
        r.close();
        assertEquals(0, m.loadedBytes());
    }

    @Test
    void sizeOnDiskSumsAFoldersFiles(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("unet"));
        Files.write(dir.resolve("unet/model.onnx"), new byte[300]);
        Files.write(dir.resolve("model_index.json"), new byte[20]);
        assertEquals(320, ModelMemory.sizeOnDisk(dir));
        assertEquals(300, ModelMemory.sizeOnDisk(dir.resolve("unet/model.onnx")));
    }

    @Test
    void settingsParseDurations() {
        assertEquals(Duration.ofMinutes(10), MemorySettings.parseDuration("10m"));
        assertEquals(Duration.ofSeconds(90), MemorySettings.parseDuration("90s"));
        assertEquals(Duration.ofHours(2), MemorySettings.parseDuration("2h"));
        assertEquals(Duration.ZERO, MemorySettings.parseDuration("0"));
        assertThrows(IllegalArgumentException.class, () -> MemorySettings.parseDuration("ten"));
        assertTrue(MemorySettings.fromEnvironment().capBytes() > 0);
    }
}
