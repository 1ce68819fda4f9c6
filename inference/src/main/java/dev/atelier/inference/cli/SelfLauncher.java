package dev.atelier.inference.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds the command that runs this same CLI as a daemon, for clients that start one on demand. */
final class SelfLauncher {

    /** An auto-started daemon goes away after this many minutes without clients or jobs. */
    static final String AUTO_IDLE_EXIT = "30m";

    private SelfLauncher() {}

    static List<String> daemonCommand(String... extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        String opts = System.getenv("ATELIER_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(Arrays.asList(opts.trim().split("\\s+")));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(AtelierCli.class.getName());
        cmd.add("daemon");
        cmd.addAll(Arrays.asList(extra));
        return cmd;
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
