package dev.atelier.host.krita;

import dev.atelier.core.host.InstallOptions;
import dev.atelier.host.krita.install.KritaInstaller;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
        return which("kritarunner").isPresent() && which("krita").isPresent() && pyqt5();
    }

    static boolean pyqt5() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import PyQt5.QtWidgets")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
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
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
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
        List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "5", Integer.toString(timeoutSeconds)));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment(env));
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds + 20L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.isAlive() || p.exitValue() == 124 || p.exitValue() == 137) {
            throw new AssertionError("Krita did not finish in " + timeoutSeconds + " s:\n" + tail(out));
        }
        return out;
    }

    static String tail(String s) {
        return s.length() > 6000 ? "…" + s.substring(s.length() - 6000) : s;
    }
}
