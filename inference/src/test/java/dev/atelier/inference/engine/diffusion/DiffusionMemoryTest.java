package dev.atelier.inference.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.inference.diffusion.TinySdModels;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.memory.MemorySettings;
import dev.atelier.inference.engine.memory.ModelMemory;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diffusion engine's pipeline under a {@link ModelMemory} with a fake clock: idle unload, LRU, pinning. */
class DiffusionMemoryTest {

    @TempDir
    static Path dir;

    private static Path first;
    private static Path second;
    private static long size;

    private static final Generation G = new Generation("a lower tower", "newer", 3, 3, 7, 1);
    private static final Raster IMAGE = SeededImages.noise(3, 64, 48);

    private final AtomicLong now = new AtomicLong(5_000);

    @BeforeAll
    static void install() throws Exception {
        first = TinySdModels.install(dir.resolve("first"), "tiny-a", false);
        second = TinySdModels.install(dir.resolve("second"), "tiny-b", false);
        size = ModelMemory.sizeOnDisk(first.resolve("tiny-a"));
    }

    private Engine engine(Path store, ModelMemory memory) {
        return new DiffusionEngineProvider(store).create(new EngineContext(dir.resolve("cache"), 1, memory));
    }

    private static OperationResult img2img(Engine e, ProgressSink progress) throws Exception {
        return e.run(new Img2ImgRequest(G, 40), new JobInput(IMAGE, Optional.empty()), progress, CancelToken.none());
    }

    @Test
    void idlePipelineIsUnloadedAndTheNextJobLoadsItAgain() throws Exception {
        ModelMemory memory = new ModelMemory(new MemorySettings(Duration.ofMinutes(10), 1L << 40), now::get);
        try (Engine e = engine(first, memory)) {
            OperationResult before = img2img(e, ProgressSink.none());
            assertEquals(List.of("diffusion/tiny-a"), memory.loaded());
            assertEquals(size, memory.loadedBytes());
            now.addAndGet(Duration.ofMinutes(9).toMillis());
            memory.sweep();
            assertEquals(List.of("diffusion/tiny-a"), memory.loaded(), "not idle long enough yet");
            now.addAndGet(Duration.ofMinutes(1).toMillis());
            memory.sweep();
            assertEquals(List.of(), memory.loaded());
            OperationResult after = img2img(e, ProgressSink.none());
            assertEquals(List.of("diffusion/tiny-a"), memory.loaded());
            assertArrayEquals(before.image().toByteArray(), after.image().toByteArray());
        }
        assertEquals(0, memory.loadedBytes(), "closing the engine frees its pipeline");
    }

    @Test
    void leastRecentlyUsedPipelineIsClosedToStayUnderTheCap() throws Exception {
        ModelMemory memory = new ModelMemory(new MemorySettings(Duration.ZERO, size + size / 2), now::get);
        try (Engine a = engine(first, memory); Engine b = engine(second, memory)) {
            img2img(a, ProgressSink.none());
            now.incrementAndGet();
            img2img(b, ProgressSink.none());
            assertEquals(List.of("diffusion/tiny-b"), memory.loaded());
            now.incrementAndGet();
            img2img(a, ProgressSink.none());
            assertEquals(List.of("diffusion/tiny-a"), memory.loaded());
        }
    }

    @Test
    void theRunningJobsPipelineIsNeverClosedUnderIt() throws Exception {
        ModelMemory memory = new ModelMemory(new MemorySettings(Duration.ofMinutes(1), size), now::get);
        try (Engine a = engine(first, memory); Engine b = engine(second, memory)) {
            boolean[] tried = new boolean[1];
            ProgressSink meddle = (fraction, message) -> {
                if (message.startsWith("step") && !tried[0]) {
                    tried[0] = true;
                    now.addAndGet(Duration.ofHours(1).toMillis());
                    memory.sweep(); // idle time long passed, but a job holds it
                    try {
                        img2img(b, ProgressSink.none()); // needs the whole cap
                    } catch (Exception ex) {
                        throw new AssertionError(ex);
                    }
                    assertTrue(memory.loaded().contains("diffusion/tiny-a"), memory.loaded().toString());
                }
            };
            OperationResult r = img2img(a, meddle);
            assertTrue(tried[0]);
            assertFalse(r.metadata().isEmpty());
            assertEquals(Set.of("diffusion/tiny-a", "diffusion/tiny-b"), Set.copyOf(memory.loaded()),
                    "both loaded over the cap while a was in use");
            now.addAndGet(Duration.ofMinutes(1).toMillis());
            memory.sweep();
            assertEquals(List.of(), memory.loaded());
        }
    }
}
