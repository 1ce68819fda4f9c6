package dev.atelier.testkit;

import dev.atelier.core.host.ExecutableOnPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the real-host tests ask of the machine: is a tool on the PATH, does a probe command succeed. */
public final class HostTools {

    private HostTools() {}

    /** The first of {@code names} on the PATH. */
    public static Optional<Path> onPath(String... names) {
        return ExecutableOnPath.find(names);
    }

    /** Whether {@code command} starts and exits 0 within {@code seconds} (its output discarded). */
    public static boolean succeeds(int seconds, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
