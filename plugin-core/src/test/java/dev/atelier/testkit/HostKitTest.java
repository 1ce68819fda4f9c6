package dev.atelier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.atelier.core.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's helpers for real-host tests: HostTools, LogTail, TimedRun, PythonSuite, EndToEnd. */
class HostKitTest {

    @TempDir
    Path dir;

    @Test
    void hostTools() {
        assertTrue(HostTools.onPath("sh").isPresent());
        assertFalse(HostTools.onPath("no-such-tool-atelier").isPresent());
        assertTrue(HostTools.succeeds(10, "sh", "-c", "exit 0"));
        assertFalse(HostTools.succeeds(10, "sh", "-c", "exit 3"));
        assertFalse(HostTools.succeeds(10, "no-such-tool-atelier"));
    }

    @Test
    void logTailKeepsTheEnd() throws Exception {
        assertEquals("short", LogTail.of("short"));
        String s = "x".repeat(LogTail.LIMIT) + "end";
        assertEquals("…" + s.substring(3), LogTail.of(s));
        Path log = Files.writeString(dir.resolve("log"), "line");
        assertEquals("line", LogTail.of(log));
    }

    @Test
    void timedRunGivesTheExitCodeAndFailsOnTimeout() throws Exception {
        Path log = dir.resolve("log");
        assertEquals(4, TimedRun.run("sh", List.of("sh", "-c", "echo $ONLY; exit 4"),
                Map.of("ONLY", "this", "PATH", System.getenv("PATH")), 10, log));
        assertEquals("this\n", Files.readString(log));
        AssertionError e = assertThrows(AssertionError.class, () -> TimedRun.run("Sleeper",
                List.of("sh", "-c", "echo zz; sleep 30"), Map.of("PATH", System.getenv("PATH")), 1, log));
        assertTrue(e.getMessage().startsWith("Sleeper did not finish in 1 s:\nzz"), e.getMessage());
    }

    @Test
    void pythonSuiteCountsTheTests() throws Exception {
        assertEquals(12, PythonSuite.testsRan("...\nRan 12 tests in 0.1s\n\nOK"));
        assertEquals(1, PythonSuite.testsRan("Ran 1 test in 0.0s"));
        assertThrows(AssertionError.class, () -> PythonSuite.testsRan("no tests here"));
        Path tests = Files.createDirectories(dir.resolve("tests"));
        Files.writeString(tests.resolve("test_one.py"), "import os, unittest, helper\n"
                + "class T(unittest.TestCase):\n    def test_env(self):\n"
                + "        self.assertEqual(os.environ['X'], helper.VALUE)\n");
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("helper.py"), "VALUE = 'y'\n");
        assertEquals(1, PythonSuite.run("kit", tests, List.of(lib), Map.of("X", "y")));
        assertThrows(AssertionError.class, () -> PythonSuite.run("kit", tests, List.of(lib), Map.of("X", "n")));
    }

    @Test
    void endToEndHelpers() throws Exception {
        Raster r = EndToEnd.opaque(Raster.wrap(1, 1, new byte[] {1, 2, 3, 4}));
        assertEquals(255, r.get(0, 0, 3));
        assertEquals(1, r.get(0, 0, 0));
        Path report = Files.writeString(dir.resolve("report.json"), "{\"fatal\": null, \"ok\": true}");
        JsonObject o = EndToEnd.report(report, "Host", "log");
        assertTrue(o.get("ok").getAsBoolean());
        AssertionError missing = assertThrows(AssertionError.class,
                () -> EndToEnd.report(dir.resolve("none.json"), "Host (rc 1)", "the log"));
        assertTrue(missing.getMessage().startsWith("no report from Host (rc 1):\nthe log"), missing.getMessage());
        Files.writeString(report, "{\"fatal\": \"boom\"}");
        assertThrows(AssertionError.class, () -> EndToEnd.report(report, "Host", "log"));
    }
}
