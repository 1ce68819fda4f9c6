package dev.atelier.inference.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.core.image.Png;
import dev.atelier.inference.testing.JavaProcess;
import dev.atelier.inference.testing.JavaProcess.Outcome;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of folder runs: 200 images through {@code batch-upscale}, the CLI process SIGKILLed in the
 * middle and the same command run again. Every output must then be present once and byte-identical to an
 * uninterrupted run, no temporary may be left, and the input folder must be exactly as before.
 */
class WorkflowBatchProcessTest {

    private static final int ITEMS = 200;
    private static final Path WORKFLOW = Path.of("..", "examples", "workflows", "batch-upscale.json")
            .toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    private static Map<String, String> env;

    @BeforeAll
    static void inputs() throws Exception {
        // An empty model store: Precise is then Lanczos on the classical engine (with ESRGAN installed it would
        // be ESRGAN, slower and beside the point here).
        env = Map.of("ATELIER_SOCKET", dir.resolve("run/atelier.sock").toString(),
                "ATELIER_STATE_DIR", dir.resolve("state").toString(),
                "ATELIER_MODELS", Files.createDirectories(dir.resolve("models")).toString());
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < ITEMS; i++) {
            Png.write(SeededImages.noise(i, 48, 32), in.resolve(String.format("img%03d.png", i)));
        }
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        JavaProcess.run(dir, env, 30, "stop");
    }

    @Test
    void killedInTheMiddleAndRestartedGivesTheUninterruptedOutputs() throws Exception {
        Map<String, String> before = hashes(dir.resolve("in"));
        Outcome ref = JavaProcess.run(dir, env, 300, "workflow", "run", WORKFLOW.toString(), "--input", "in",
                "--output", "ref");
        assertEquals(0, ref.exit(), ref.stderr());
        System.out.println("uninterrupted: " + ref.stdout().lines().findFirst().orElse(""));
        assertTrue(ref.stdout().contains("batch-upscale: " + ITEMS + " done, 0 failed, 0 skipped"), ref.stdout());

        List<String> cmd = JavaProcess.cli("workflow", "run", WORKFLOW.toString(), "--input", "in", "--output",
                "out");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("killed.out").toFile()).redirectError(dir.resolve("killed.err").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        Path out = dir.resolve("out");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (outputs(out) < 20 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        p.waitFor(30, TimeUnit.SECONDS);
        int afterKill = outputs(out);
        assertTrue(afterKill >= 20 && afterKill < ITEMS, "killed after " + afterKill + " outputs; "
                + Files.readString(dir.resolve("killed.err")));

        Outcome again = JavaProcess.run(dir, env, 300, "workflow", "run", WORKFLOW.toString(), "--input", "in",
                "--output", "out");
        assertEquals(0, again.exit(), again.stderr());

        Map<String, String> expected = hashes(dir.resolve("ref"));
        Map<String, String> got = hashes(out);
        expected.remove(BatchSummary.FILE);
        got.remove(BatchSummary.FILE);
        assertEquals(ITEMS, expected.size());
        assertEquals(expected, got, "outputs differ from the uninterrupted run");
        try (Stream<Path> s = Files.list(out)) {
            List<String> hidden = s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(BatchJournal.FILE), hidden, "temporaries left");
        }
        for (String name : expected.keySet()) {
            assertTrue(name.matches("img\\d{3}\\.upscaled\\.png"), name);
        }
        assertEquals(96, Png.read(out.resolve("img000.upscaled.png"), Long.MAX_VALUE).width());

        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve(BatchSummary.FILE)))
                .getAsJsonObject();
        assertEquals(0, summary.getAsJsonArray("failed").size());
        int done = summary.getAsJsonArray("done").size();
        int skipped = summary.getAsJsonArray("skipped").size();
        assertEquals(ITEMS, done + skipped, summary.toString());
        assertTrue(skipped >= afterKill, "finished items were redone: " + summary);
        assertEquals(before, hashes(dir.resolve("in")), "the input folder changed");
    }

    private static int outputs(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(out)) {
            return (int) s.filter(f -> f.getFileName().toString().endsWith(".upscaled.png")).count();
        }
    }

    /** Every file's name → SHA-256 (the listing and the content in one map); hidden files count in the input. */
    private static Map<String, String> hashes(Path folder) throws Exception {
        boolean input = folder.getFileName().toString().equals("in");
        Map<String, String> h = new TreeMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.toList()) {
                if (!input && f.getFileName().toString().startsWith(".")) {
                    continue;
                }
                byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                h.put(f.getFileName().toString(), HexFormat.of().formatHex(d));
            }
        }
        return h;
    }
}
