package dev.atelier.host.blender;

import dev.atelier.core.host.InstallOptions;
import dev.atelier.host.blender.install.BlenderInstaller;
import dev.atelier.testkit.HostTools;
import dev.atelier.testkit.TimedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
            present = HostTools.onPath("blender").isPresent() && HostTools.succeeds(70, "timeout", "60", "blender",
                    "-b", "--factory-startup", "--python-exit-code", "1", "--python-expr", "import numpy");
        }
        return present;
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
        List<String> cmd = new ArrayList<>(List.of("blender"));
        cmd.addAll(args);
        return TimedRun.run("Blender", cmd, environment(env), timeoutSeconds, log);
    }
}
