package dev.atelier.host.blender;

import dev.atelier.core.host.InstallOptions;
import dev.atelier.host.blender.install.BlenderInstaller;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the real-Blender tests share: finding Blender (with numpy), a throwaway user (HOME, XDG folders) whose
 * scripts folder has the add-on installed by {@link BlenderInstaller}, and running Blender under {@code timeout}.
 */
final class RealBlender {

    static final String HOW_TO_INSTALL = "apt-get install blender python3-numpy";
    private static Boolean present;

    final Path dir;
    final Path scripts;

    private RealBlender(Path dir) {
        this.dir = dir;
        this.scripts = dir.resolve("scripts");
    }

    /** Installs the add-on for a throwaway user under {@code dir}: daemon on {@code socket}, CLI {@code cli}. */
    static RealBlender install(Path dir, Path socket, List<String> cli) throws IOException {
        RealBlender b = new RealBlender(dir);
        Files.createDirectories(dir.resolve("home"));
        new BlenderInstaller(Optional.of(socket), Optional.of(cli), Optional.empty()).install(new InstallOptions(
                Optional.of(b.scripts), List.of(), Path.of("..").toAbsolutePath().normalize()));
        return b;
    }

    /** Blender on the PATH, and its Python imports numpy. */
    static synchronized boolean present() {
        if (present == null) {
            present = which("blender").isPresent() && blenderImportsNumpy();
        }
        return present;
    }

    private static boolean blenderImportsNumpy() {
        try {
            Process p = new ProcessBuilder("timeout", "60", "blender", "-b", "--factory-startup", "--python-exit-code",
                    "1", "--python-expr", "import numpy").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(70, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Optional<Path> which(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("BLENDER_USER_SCRIPTS", scripts.toString());
        env.remove("ATELIER_SOCKET");
        env.putAll(extra);
        return env;
    }

    /** Runs Blender with {@code args} under {@code timeout}; returns the exit code, output in {@code log}. */
    int run(List<String> args, Map<String, String> env, int timeoutSeconds, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "5", Integer.toString(timeoutSeconds), "blender"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment(env));
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds + 20L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (p.isAlive() || p.exitValue() == 124 || p.exitValue() == 137) {
            throw new AssertionError("Blender did not finish in " + timeoutSeconds + " s:\n" + tail(log));
        }
        return p.exitValue();
    }

    static String tail(Path log) throws IOException {
        String s = Files.readString(log, StandardCharsets.UTF_8);
        return s.length() > 6000 ? "…" + s.substring(s.length() - 6000) : s;
    }
}
