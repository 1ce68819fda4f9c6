package dev.atelier.inference.engine.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.memory.MemorySettings;
import dev.atelier.inference.engine.memory.ModelMemory;
import dev.atelier.inference.models.onnx.OnnxWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ESRGAN / ISNet-style models in a {@link ModelCache} under the model memory: tiny Relu ONNX files, fake clock. */
class ModelCacheMemoryTest {

    @TempDir
    static Path dir;

    private static Path a;
    private static Path b;
    private static long size;

    private final AtomicLong now = new AtomicLong(1);

    @BeforeAll
    static void write() throws Exception {
        OnnxWriter w = new OnnxWriter();
        w.node("Relu", "y", List.of("x"));
        byte[] relu = w.build("test", List.of(new OnnxWriter.Value("x", OnnxWriter.FLOAT, 1L, 4L)),
                List.of(new OnnxWriter.Value("y", OnnxWriter.FLOAT, 1L, 4L)));
        a = Files.write(dir.resolve("a.onnx"), relu);
        b = Files.write(dir.resolve("b.onnx"), relu);
        size = relu.length;
    }

    private ModelCache cache(ModelMemory memory) {
        return new ModelCache(DjlRuntime.ONNX_RUNTIME, EngineContext.defaultCacheDir(), 1, memory);
    }

    private static void assertRuns(DjlModel m) throws Exception {
        assertArrayEquals(new float[] {0, 2, 0, 4}, m.run(new float[] {-1, 2, -3, 4}, 1, 4).values());
    }

    @Test
    void leastRecentlyUsedIsClosedUnderTheCapAndLoadedAgainWhenNeeded() throws Exception {
        ModelMemory memory = new ModelMemory(new MemorySettings(Duration.ZERO, size + size / 2), now::get);
        try (ModelCache cache = cache(memory)) {
            assertRuns(cache.get(a));
            cache.release();
            now.incrementAndGet();
            assertRuns(cache.get(b));
            cache.release();
            assertEquals(List.of(dir.getFileName() + "/b.onnx"), memory.loaded());
            now.incrementAndGet();
            assertRuns(cache.get(a));
            cache.release();
            assertEquals(List.of(dir.getFileName() + "/a.onnx"), memory.loaded());
        }
        assertEquals(0, memory.loadedBytes());
    }

    @Test
    void aJobsModelsStayLoadedUntilItReleasesThem() throws Exception {
        ModelMemory memory = new ModelMemory(new MemorySettings(Duration.ofMinutes(10), size), now::get);
        try (ModelCache cache = cache(memory)) {
            DjlModel first = cache.get(a);
            now.addAndGet(Duration.ofHours(1).toMillis());
            memory.sweep();
            assertRuns(cache.get(b)); // over the cap: a is pinned by the job
            assertRuns(first);
            assertEquals(2 * size, memory.loadedBytes());
            cache.release();
            now.addAndGet(Duration.ofMinutes(10).toMillis());
            memory.sweep();
            assertEquals(0, memory.loadedBytes());
            assertRuns(cache.get(a)); // the next job loads it again
            cache.release();
        }
    }
}
