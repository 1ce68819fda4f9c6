package dev.atelier.host.gimp;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cancels the daemon job when GIMP stops the plug-in. GIMP's progress Cancel button (and quitting GIMP) kills the
 * plug-in with SIGKILL 10 ms after asking it to quit, so a JVM shutdown hook alone only covers SIGTERM/SIGINT.
 * For SIGKILL a tiny {@code sh} watchdog waits for this process to disappear and then runs
 * {@code GimpPlugin --cancel SOCKET JOB}; a finished call stops the watchdog.
 */
final class CancelGuard implements AutoCloseable {

    private final Thread hook;
    private final Process watchdog;

    private CancelGuard(Thread hook, Process watchdog) {
        this.hook = hook;
        this.watchdog = watchdog;
    }

    /** Arms both guards for {@code jobId}; {@code cancel} runs in the shutdown hook. */
    static CancelGuard arm(String jobId, Path socket, Runnable cancel) {
        Thread hook = new Thread(cancel, "atelier-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        Process watchdog = null;
        try {
            watchdog = new ProcessBuilder(watchdogCommand(ProcessHandle.current().pid(), javaCommand(),
                    System.getProperty("java.class.path"), socket, jobId))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(new File("/dev/null"))
                    .start();
        } catch (IOException | RuntimeException e) {
            // No watchdog (e.g. no sh): cancel still works for SIGTERM through the hook.
        }
        return new CancelGuard(hook, watchdog);
    }

    /** The watchdog: poll until {@code pid} is gone, then cancel the job with a fresh JVM. */
    static List<String> watchdogCommand(long pid, String java, String classPath, Path socket, String jobId) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c",
                "while kill -0 \"$1\" 2>/dev/null; do sleep 0.3; done; shift; exec \"$@\"", "atelier-watchdog",
                Long.toString(pid), java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                GimpPlugin.class.getName(), "--cancel", socket.toString(), jobId));
        return cmd;
    }

    static String javaCommand() {
        Optional<String> cmd = ProcessHandle.current().info().command();
        return cmd.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs, which is what we want.
        }
        if (watchdog != null) {
            watchdog.destroy();
        }
    }
}
