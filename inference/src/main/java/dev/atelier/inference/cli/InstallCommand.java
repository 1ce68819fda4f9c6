package dev.atelier.inference.cli;

import dev.atelier.core.host.HostInstaller;
import dev.atelier.core.host.InstallOptions;
import dev.atelier.core.host.InstallReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code atelier install --host NAME [--prefix DIR]} and {@code atelier uninstall --host NAME [--prefix DIR]}.
 * Host installers come from the host modules through {@link ServiceLoader}; this command knows none by name.
 */
final class InstallCommand {

    private InstallCommand() {}

    static int run(boolean install, List<String> argv, PrintStream out) throws UsageException, IOException {
        String verb = install ? "install" : "uninstall";
        Args args = Args.parse(argv, Set.of("host", "prefix"), Set.of());
        String host = args.required("host", verb);
        HostInstaller installer = find(host);
        InstallOptions options = options(args.option("prefix").map(Path::of));
        InstallReport report = install ? installer.install(options) : installer.uninstall(options);
        out.printf("%s %s: %d file(s) %s %s%n", verb, host, report.files().size(),
                install ? "written to" : "removed from", report.location());
        report.notes().forEach(n -> out.println("  " + n));
        return 0;
    }

    /** The options every host adapter gets: where Atelier lives and how to start its daemon. */
    static InstallOptions options(Optional<Path> prefix) throws UsageException {
        Path home = home();
        return new InstallOptions(prefix, List.of(home.resolve("bin/atelier").toString(), "daemon", "--idle-exit",
                SelfLauncher.AUTO_IDLE_EXIT), home);
    }

    private static HostInstaller find(String host) throws UsageException {
        Set<String> known = new TreeSet<>();
        for (HostInstaller i : ServiceLoader.load(HostInstaller.class)) {
            if (i.host().equals(host)) {
                return i;
            }
            known.add(i.host());
        }
        throw new UsageException("no installer for host '" + host + "'" + (known.isEmpty()
                ? " (no host modules are built; run './mvnw -DskipTests package')" : "; known: " + String.join(", ", known)));
    }

    /** The Atelier checkout or installation: set by bin/atelier, else found from the running jar. */
    static Path home() throws UsageException {
        String explicit = System.getProperty("atelier.home");
        Optional<Path> home = Optional.ofNullable(explicit).map(Path::of);
        if (home.isEmpty()) {
            throw new UsageException("run this through bin/atelier (it tells the installer where Atelier lives)");
        }
        if (!Files.isRegularFile(home.get().resolve("bin/atelier"))) {
            throw new UsageException("atelier.home " + home.get() + " has no bin/atelier");
        }
        return home.get().toAbsolutePath();
    }
}
