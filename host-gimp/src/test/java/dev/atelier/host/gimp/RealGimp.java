package dev.atelier.host.gimp;

import dev.atelier.testkit.HostTools;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** What the real-GIMP tests share: finding GIMP and laying out a build for the installer to copy. */
final class RealGimp {

    private RealGimp() {}

    /**
     * Starts a real daemon with the given engines on a socket in {@code dir} and installs the plug-in into
     * {@code dir/config} pointing at it (with or without the class-data archive, which costs a few seconds).
     */
    static dev.atelier.inference.daemon.Daemon startAndInstall(Path dir, boolean archive,
            dev.atelier.inference.engine.EngineProvider... engines) throws Exception {
        return startAndInstall(dir, archive, new dev.atelier.inference.workflow.WorkflowFolders(
                dir.resolve("user-workflows"), List.of()), engines);
    }

    /** As {@link #startAndInstall(Path, boolean, dev.atelier.inference.engine.EngineProvider...)}, with Apps. */
    static dev.atelier.inference.daemon.Daemon startAndInstall(Path dir, boolean archive,
            dev.atelier.inference.workflow.WorkflowFolders workflows,
            dev.atelier.inference.engine.EngineProvider... engines) throws Exception {
        Path socket = dir.resolve("run/atelier.sock");
        dev.atelier.inference.daemon.Daemon daemon = dev.atelier.inference.daemon.Daemon.start(
                dev.atelier.inference.daemon.DaemonConfig.builder().setSocket(socket)
                        .setStateDir(dir.resolve("state")).optWorkflows(workflows).build(),
                dev.atelier.inference.engine.EngineRegistry.ofProviders(
                        new dev.atelier.inference.engine.EngineContext(dir.resolve("cache"), 2), engines));
        new dev.atelier.host.gimp.install.GimpInstaller(archive, Optional.of(socket)).install(
                new dev.atelier.core.host.InstallOptions(Optional.of(dir.resolve("config/GIMP/2.10")), List.of(),
                        fakeBuild(dir)));
        return daemon;
    }

    /**
     * Runs {@code gimp -i -b -} (no display) with {@code program} on stdin, {@code DIR} replaced by {@code dir},
     * in a throwaway HOME and the config folder {@code dir/config}; returns everything GIMP printed. GIMP's exit
     * code is always 0, so callers check files and printed lines.
     */
    static String batch(Path dir, String program, java.util.Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("timeout", "-k", "5", "60", gimp().orElseThrow().toString(),
                "-i", "-b", "-").redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        try (java.io.OutputStream in = p.getOutputStream()) {
            in.write(program.replace("DIR", dir.toString()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(70, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() == 124 || p.exitValue() == 137) {
            throw new AssertionError("GIMP did not finish in time:\n" + out);
        }
        return out;
    }

    static Optional<Path> gimp() {
        return HostTools.onPath("gimp-2.10", "gimp");
    }

    /**
     * The files the installer copies, laid out like a build (host-gimp/target/atelier-gimp.jar and lib/*.jar), made
     * from this test's class path: during {@code mvn test} the module's own jar does not exist yet.
     */
    static Path fakeBuild(Path dir) throws IOException {
        Path home = dir.resolve("atelier-home");
        Path target = Files.createDirectories(home.resolve("host-gimp/target/lib"));
        jar(Path.of("target/classes"), home.resolve("host-gimp/target/atelier-gimp.jar"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String s = p.toString().replace('\\', '/');
            boolean runtime = s.contains("/jna") || s.contains("/gson") || s.contains("error_prone")
                    || (s.contains("plugin-core") && !s.contains("test"));
            if (!runtime) {
                continue;
            }
            if (Files.isDirectory(p)) {
                jar(p, target.resolve("plugin-core.jar"));
            } else {
                Files.copy(p, target.resolve(p.getFileName()));
            }
        }
        return home;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(classes)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path f : files) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }
}
