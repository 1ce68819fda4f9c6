package dev.atelier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs a folder of Python unit tests (stdlib {@code unittest discover}) and checks that some ran and all passed. */
public final class PythonSuite {

    private static final Pattern RAN = Pattern.compile("Ran (\\d+) tests?");

    private PythonSuite() {}

    /** The system's python3 when present (a host's packages, e.g. PyQt, live there), else the first on the PATH. */
    public static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /**
     * Runs the tests in {@code tests} (which is also on the PYTHONPATH, after {@code pythonPath}), no byte-code
     * written, with {@code env} added; asserts exit 0 and at least one test run, prints "[label] Ran N tests", and
     * returns N.
     */
    public static int run(String label, Path tests, List<Path> pythonPath, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(python(), "-B", "-m", "unittest", "discover", "-v", "-s",
                tests.toString(), "-t", tests.toString()).redirectErrorStream(true);
        String path = pythonPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        pb.environment().put("PYTHONPATH", (path.isEmpty() ? "" : path + File.pathSeparator) + tests);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        int ran = testsRan(out);
        assertTrue(ran > 0, out);
        System.out.println("[" + label + "] " + "Ran " + ran + (ran == 1 ? " test" : " tests")
                + (out.contains("skipped") ? " (some skipped)" : ""));
        return ran;
    }

    /** N from unittest's "Ran N tests" line; fails when there is none. */
    public static int testsRan(String output) {
        Matcher m = RAN.matcher(output);
        assertTrue(m.find(), output);
        return Integer.parseInt(m.group(1));
    }
}
