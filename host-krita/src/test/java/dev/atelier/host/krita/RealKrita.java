package dev.atelier.host.krita;

import dev.atelier.core.host.InstallOptions;
import dev.atelier.host.krita.install.KritaInstaller;
import dev.atelier.testkit.HostTools;
import dev.atelier.testkit.TimedRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the real-Krita tests share: finding Krita, a throwaway user (HOME, XDG folders) with the plug-in installed
 * by {@link KritaInstaller}, and running Krita with a time limit. Krita's exit code says nothing (kritarunner
 * always exits 0), so callers check the files the scripts write.
 */
final class RealKrita {

    static final String HOW_TO_INSTALL = "apt-get install krita python3-pyqt5 python3-sip";

    final Path dir;
    final Path home;
    final Path pykrita;
    final Path kritarc;

    private RealKrita(Path dir) {
        this.dir = dir;
        this.home = dir.resolve("home");
        this.pykrita = dir.resolve("data/krita/pykrita");
        this.kritarc = dir.resolve("config/kritarc");
    }

    /** Installs the plug-in for a throwaway user under {@code dir}, talking to the daemon on {@code socket}. */
    static RealKrita install(Path dir, Path socket) throws IOException {
        RealKrita k = new RealKrita(dir);
        Files.createDirectories(k.home);
        Files.createDirectories(dir.resolve("xdg-run"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        new KritaInstaller(Optional.of(socket), Optional.of(k.kritarc)).install(new InstallOptions(
                Optional.of(k.pykrita), List.of(), Path.of("..").toAbsolutePath().normalize()));
        return k;
    }

    static boolean present() {
        return HostTools.onPath("kritarunner").isPresent() && HostTools.onPath("krita").isPresent() && pyqt5();
    }

    static boolean pyqt5() {
        return HostTools.succeeds(30, "/usr/bin/python3", "-c", "import PyQt5.QtWidgets");
    }

    /** The environment of the throwaway user. */
    Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("HOME", home.toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("XDG_RUNTIME_DIR", dir.resolve("xdg-run").toString());
        env.remove("ATELIER_SOCKET");
        env.putAll(extra);
        return env;
    }

    /** Runs {@code command} (with {@code timeout}) in the throwaway user's environment; returns its output. */
    String run(List<String> command, Map<String, String> env, int timeoutSeconds, Path log) throws Exception {
        TimedRun.run("Krita", command, environment(env), timeoutSeconds, log);
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
