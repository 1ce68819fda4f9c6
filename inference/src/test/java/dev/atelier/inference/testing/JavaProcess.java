package dev.atelier.inference.testing;

import dev.atelier.inference.cli.AtelierCliAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the atelier CLI in a child JVM with this test's class path — the real process boundary. */
public final class JavaProcess {

    private JavaProcess() {}

    /** The command that runs the CLI's main class with {@code args}. */
    public static List<String> cli(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(AtelierCliAccess.MAIN_CLASS);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Result of a finished child. */
    public record Outcome(int exit, String stdout, String stderr) {}

    /** Runs the CLI to completion (at most {@code timeoutSeconds}) in {@code workDir}, with extra environment. */
    public static Outcome run(Path workDir, Map<String, String> env, int timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        Path out = java.nio.file.Files.createTempFile(workDir, "out", ".txt");
        Path err = java.nio.file.Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cli(args)).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("atelier " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                    + " s; stderr: " + java.nio.file.Files.readString(err));
        }
        return new Outcome(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }
}
