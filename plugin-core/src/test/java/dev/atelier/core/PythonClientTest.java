package dev.atelier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.atelier.testkit.Requirements;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python client's unit tests ({@code src/test/python}, stdlib unittest) with the system python3: the
 * codec against the shared protocol vectors, socket paths, pixel conversions, and the client against a stand-in
 * daemon. The tests against a real daemon ({@code test_client_live.py}) need {@code ATELIER_TEST_SOCKET} and are
 * run by modules that can start one; here that variable is removed so they skip.
 */
class PythonClientTest {

    private static final Pattern RAN = Pattern.compile("^Ran (\\d+) tests? in ", Pattern.MULTILINE);

    @Test
    void pythonUnitTestsPass() throws Exception {
        Optional<Path> python = onPath("python3");
        Requirements.host("python3", python.isPresent(), "apt-get install python3");

        ProcessBuilder pb = new ProcessBuilder(List.of(python.orElseThrow().toString(), "-m", "unittest", "discover",
                "-v", "-s", "src/test/python", "-t", "src/test/python"))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("PYTHONPATH", "src/main/python");
        env.put("ATELIER_VECTORS", "../testdata/protocol-vectors.json");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONIOENCODING", "utf-8");
        env.remove("ATELIER_TEST_SOCKET");
        Process process = pb.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("python unit tests did not finish within 5 minutes:\n" + output.getNow(""));
        }
        String text = output.get(30, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), () -> "python unit tests failed:\n" + text);
        Matcher ran = RAN.matcher(text);
        assertTrue(ran.find(), () -> "no 'Ran N tests' line in:\n" + text);
        int count = Integer.parseInt(ran.group(1));
        assertTrue(count > 10, () -> "only " + count + " python tests ran:\n" + text);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
