package dev.atelier.core.host;

import java.io.IOException;
import java.io.PrintStream;

/**
 * A host's figures for {@code atelier bench} (e.g. the cost a GIMP plug-in call adds), found through
 * {@link java.util.ServiceLoader} like {@link HostInstaller}. Prints a "skipped" line when the host is missing.
 */
public interface HostBenchmark {

    /** Returns the host's id, e.g. {@code gimp}; {@code atelier bench --only gimp} runs just this one. */
    String host();

    void run(PrintStream out, int runs, InstallOptions options) throws IOException, InterruptedException;
}
