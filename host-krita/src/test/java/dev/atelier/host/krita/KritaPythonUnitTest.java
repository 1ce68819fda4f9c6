package dev.atelier.host.krita;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the plug-in's Python unit tests (src/test/python, stdlib unittest, a stub krita module) against the
 * plug-in as the build assembled it in target/pykrita, so the copied protocol client is the one tested.
 */
class KritaPythonUnitTest {

    /** Krita's interpreter when present (it has PyQt for the widget tests), else the first python3. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    @Test
    void pythonUnitTestsPass() throws Exception {
        Path tests = Path.of("src/test/python").toAbsolutePath();
        Path pykrita = Path.of("target/pykrita").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(python(), "-B", "-m", "unittest", "discover", "-v", "-s",
                tests.toString(), "-t", tests.toString()).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", pykrita + java.io.File.pathSeparator + tests);
        pb.environment().put("QT_QPA_PLATFORM", "offscreen");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        Matcher m = Pattern.compile("Ran (\\d+) tests?").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Integer.parseInt(m.group(1)) > 0, out);
        System.out.println("[host-krita python] " + m.group() + (out.contains("skipped") ? " (some skipped)" : ""));
    }
}
