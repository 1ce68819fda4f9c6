package dev.atelier.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a host application under {@code timeout} in an environment of the test's making, its output in a log. */
public final class TimedRun {

    private TimedRun() {}

    /**
     * Runs {@code timeout -k 5 SECONDS command…} with exactly {@code env} as its environment, stdout and stderr to
     * {@code log}; returns the exit code. Fails with "{@code what} did not finish in SECONDS s" and the log's end
     * when the time runs out.
     */
    public static int run(String what, List<String> command, Map<String, String> env, int timeoutSeconds, Path log)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "5", Integer.toString(timeoutSeconds)));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds + 20L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (p.isAlive() || p.exitValue() == 124 || p.exitValue() == 137) {
            throw new AssertionError(what + " did not finish in " + timeoutSeconds + " s:\n" + LogTail.of(log));
        }
        return p.exitValue();
    }
}
