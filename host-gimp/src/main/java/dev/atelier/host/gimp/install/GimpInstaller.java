package dev.atelier.host.gimp.install;

import dev.atelier.core.host.HostInstaller;
import dev.atelier.core.host.InstallOptions;
import dev.atelier.core.host.InstallLedger;
import dev.atelier.core.host.InstallReport;
import dev.atelier.core.host.UserFolders;
import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.SocketPaths;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.panel.BuiltInPanels;
import dev.atelier.host.gimp.pdb.DaemonProcedures;
import dev.atelier.host.gimp.PluginConfig;
import dev.atelier.host.gimp.pdb.ProcedureSpec;
import dev.atelier.host.gimp.scriptfu.ScriptFu;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Installs the GIMP 2.10 plug-in into a GIMP user folder (default {@code ~/.config/GIMP/2.10}):
 * <ul>
 *   <li>{@code plug-ins/atelier/atelier}: the launcher GIMP runs (a shell script that preloads the JDK's libjsig
 *       and starts {@code GimpPlugin});</li>
 *   <li>{@code plug-ins/atelier/lib/*.jar}: the plug-in and its dependencies;</li>
 *   <li>{@code plug-ins/atelier/atelier-gimp.properties}: how to reach (and start) the daemon;</li>
 *   <li>{@code plug-ins/atelier/atelier.jsa}: a class-data archive that makes each call start faster;</li>
 *   <li>{@code scripts/atelier-panels.scm}: the Script-Fu dialogs;</li>
 *   <li>{@code plug-ins/atelier/installed.txt}: every file above, which uninstall removes — and nothing else.</li>
 * </ul>
 */
public final class GimpInstaller implements HostInstaller {

    public static final String PLUGIN_DIR = "plug-ins/atelier";
    public static final String LAUNCHER = "atelier";
    public static final String MANIFEST = "installed.txt";
    public static final String ARCHIVE = "atelier.jsa";
    public static final String SCRIPT = "scripts/atelier-panels.scm";

    private final boolean buildArchive;
    private final Optional<java.nio.file.Path> socket;

    /** The installer {@code atelier install --host gimp} uses: builds the class-data archive. */
    public GimpInstaller() {
        this(true, Optional.empty());
    }

    /**
     * @param buildArchive whether to build the start-up class-data archive (takes a second or two)
     * @param socket the daemon socket to write into the settings; empty for the usual default
     */
    public GimpInstaller(boolean buildArchive, Optional<Path> socket) {
        this.buildArchive = buildArchive;
        this.socket = socket;
    }

    @Override
    public String host() {
        return "gimp";
    }

    /** Returns where GIMP 2.10 keeps a user's plug-ins and scripts on this machine. */
    public static Path defaultPrefix() {
        return defaultPrefix(UserFolders.current());
    }

    static Path defaultPrefix(String osName, Function<String, String> env, Path userHome) {
        return defaultPrefix(new UserFolders(osName, env, userHome));
    }

    private static Path defaultPrefix(UserFolders user) {
        return user.configFolder().resolve("GIMP").resolve("2.10");
    }

    @Override
    public InstallReport install(InstallOptions options) throws IOException {
        Path prefix = options.prefix().orElseGet(GimpInstaller::defaultPrefix).toAbsolutePath();
        List<Path> jars = sourceJars(options.home());
        uninstall(options); // a reinstall starts clean, so stale jars do not linger
        Path dir = prefix.resolve(PLUGIN_DIR);
        Path lib = dir.resolve("lib");
        Files.createDirectories(lib);
        Files.createDirectories(prefix.resolve(SCRIPT).getParent());
        InstallLedger ledger = new InstallLedger(prefix, dir.resolve(MANIFEST));
        List<String> notes = new ArrayList<>();
        List<Path> installedJars = new ArrayList<>();
        for (Path jar : jars) {
            installedJars.add(ledger.copy(jar, lib.resolve(jar.getFileName())));
        }
        Path java = javaCommand();
        Optional<Path> jsig = Launcher.libjsig(java);
        if (jsig.isEmpty()) {
            notes.add("warning: no libjsig.so next to " + java + "; the plug-in may crash under load "
                    + "(install a full JDK and reinstall)");
        }
        Path launcher = dir.resolve(LAUNCHER);
        Files.writeString(launcher, Launcher.script(java, jsig, installedJars, dir.resolve(ARCHIVE)),
                StandardCharsets.UTF_8);
        makeExecutable(launcher);
        ledger.record(launcher);

        ledger.write(dir.resolve(PluginConfig.FILE_NAME), new PluginConfig(options.daemonCommand(), socket).toText());

        List<ProcedureSpec> specs = new ArrayList<>(
                BuiltInPanels.all().stream().map(p -> ProcedureSpec.of(p.descriptor())).toList());
        specs.addAll(appSpecs(notes));
        ledger.write(prefix.resolve(SCRIPT), ScriptFu.generate(specs));

        String header = "# Files written by 'atelier install --host gimp', relative to " + prefix
                + "; 'atelier uninstall --host gimp' removes exactly these.\n";
        if (buildArchive) {
            Path archive = dir.resolve(ARCHIVE);
            ledger.writeManifest(header, List.of(archive), List.of()); // listed first: a failed build leaves no orphan
            Optional<String> problem = buildArchive(java, installedJars, archive);
            if (Files.isRegularFile(archive)) {
                ledger.record(archive);
            }
            problem.ifPresent(p -> notes.add("note: no start-up archive (" + p + "); calls start a little slower"));
        }
        List<Path> written = ledger.commit(header, List.of());
        notes.add("restart GIMP; the panels are under Filters ▸ Atelier");
        return new InstallReport(host(), prefix, written, notes);
    }

    /**
     * The dialogs of the daemon's Apps (panels beyond the built-ins), when a daemon is running now: GIMP reads
     * Script-Fu files at start-up only, so an App's dialog exists once installed with the daemon up.
     */
    private List<ProcedureSpec> appSpecs(List<String> notes) {
        ClientOptions probe = ClientOptions.builder().setSocket(socket.orElseGet(SocketPaths::resolve))
                .optClientName("atelier-install").optRequestTimeout(java.time.Duration.ofSeconds(3)).build();
        try {
            List<ProcedureSpec> apps = DaemonProcedures.extra(probe); // no launcher: never starts a daemon
            if (!apps.isEmpty()) {
                notes.add("Apps with dialogs: " + String.join(", ", apps.stream().map(a -> a.panel().id()).toList()));
            }
            return apps;
        } catch (AtelierException | RuntimeException e) {
            notes.add("note: no daemon running, so Apps (workflow panels) get no dialog until you install again "
                    + "with the daemon running; scripts can call them all the same");
            return List.of();
        }
    }

    @Override
    public InstallReport uninstall(InstallOptions options) throws IOException {
        Path prefix = options.prefix().orElseGet(GimpInstaller::defaultPrefix).toAbsolutePath();
        Optional<InstallLedger.Removal> removal = InstallLedger.uninstall(prefix,
                prefix.resolve(PLUGIN_DIR).resolve(MANIFEST));
        if (removal.isEmpty()) {
            return new InstallReport(host(), prefix, List.of(), List.of("nothing installed in " + prefix));
        }
        return new InstallReport(host(), prefix, removal.get().removed(), List.of());
    }

    /** The plug-in jar and its runtime dependencies from a build: host-gimp/target/{atelier-gimp.jar,lib/*.jar}. */
    static List<Path> sourceJars(Path home) throws IOException {
        Path target = home.resolve("host-gimp").resolve("target");
        Path main = target.resolve("atelier-gimp.jar");
        if (!Files.isRegularFile(main)) {
            throw new IOException("the GIMP plug-in is not built (" + main + " is missing); run: "
                    + "./mvnw -q install -DskipTests -pl host-gimp -am");
        }
        List<Path> jars = new ArrayList<>();
        jars.add(main);
        Path lib = target.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(lib, "*.jar")) {
                List<Path> deps = new ArrayList<>();
                s.forEach(deps::add);
                deps.sort(null);
                jars.addAll(deps);
            }
        }
        return jars;
    }

    /** The java running this installer (a real path, not the /usr/bin symlink). */
    static Path javaCommand() {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        try {
            return java.toRealPath();
        } catch (IOException e) {
            return java;
        }
    }

    /** Runs the warm-up once with -XX:ArchiveClassesAtExit; returns the problem, if any. */
    static Optional<String> buildArchive(Path java, List<Path> classPath, Path archive) {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-XX:ArchiveClassesAtExit=" + archive,
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", Launcher.classPath(classPath),
                "dev.atelier.host.gimp.GimpPlugin", "--warmup"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("the warm-up did not finish in 60 s");
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(archive)) {
                Files.deleteIfExists(archive);
                return Optional.of("the warm-up exited with " + p.exitValue());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(true, false); // not a POSIX file system (Windows)
        }
    }
}
