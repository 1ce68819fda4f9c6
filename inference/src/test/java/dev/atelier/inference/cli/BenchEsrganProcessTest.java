package dev.atelier.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.inference.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atelier bench --only esrgan} with nothing to run: an empty store and no Node setup give clear skip lines. */
class BenchEsrganProcessTest {

    @TempDir
    Path dir;

    @Test
    void emptyStoreAndNoNodeSetupAreSkippedWithHints() throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        Path cache = Files.createDirectories(dir.resolve("cache"));
        JavaProcess.Outcome o = JavaProcess.run(dir, Map.of("ATELIER_MODELS", store.toString(),
                "ATELIER_CACHE", cache.toString()), 60, "bench", "--only", "esrgan", "--runs", "1");
        assertEquals(0, o.exit(), o.stderr());
        assertTrue(o.stdout().contains("skipped: all ESRGAN figures: no ESRGAN model in " + store
                + " (bin/atelier models install esrgan-slim esrgan-medium"), o.stdout());
        assertTrue(o.stdout().contains("skipped: UpscalerJS in Node: @tensorflow/tfjs is not installed in "
                + cache.resolve("bench-node") + "; run bench/setup-upscalerjs.sh"), o.stdout());
    }
}
