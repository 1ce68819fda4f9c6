package dev.atelier.inference.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.testkit.Requirements;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared Python client ({@code plugin-core/src/main/python/atelier_client}, used by the Krita and Blender
 * add-ons) against a real daemon on a real socket: its {@code test_client_live.py} runs with
 * {@code ATELIER_TEST_SOCKET} pointing at a {@link DaemonFixture}.
 */
class PythonClientLiveTest {

    private static final Path CORE = Path.of("../plugin-core");

    @TempDir
    Path dir;

    @Test
    void pythonClientTalksToTheRealDaemon() throws Exception {
        boolean python = System.getenv().getOrDefault("PATH", "").lines().flatMap(p -> java.util.Arrays
                .stream(p.split(File.pathSeparator))).anyMatch(d -> Files.isExecutable(Path.of(d, "python3")));
        Requirements.host("python3", python, "apt-get install python3");
        try (DaemonFixture daemon = new DaemonFixture(dir)) {
            ProcessBuilder pb = new ProcessBuilder("python3", "-m", "unittest", "-v", "test_client_live")
                    .directory(CORE.resolve("src/test/python").toFile()).redirectErrorStream(true);
            pb.environment().put("PYTHONPATH", CORE.resolve("src/main/python").toAbsolutePath().toString());
            pb.environment().put("ATELIER_TEST_SOCKET", daemon.socket().toString());
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("OK") && !out.contains("skipped"), out);
        }
    }
}
