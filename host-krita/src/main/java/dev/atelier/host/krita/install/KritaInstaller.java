package dev.atelier.host.krita.install;

import dev.atelier.core.host.HostInstaller;
import dev.atelier.core.host.InstallOptions;
import dev.atelier.core.host.InstallLedger;
import dev.atelier.core.host.InstallReport;
import dev.atelier.core.host.SettingsJson;
import dev.atelier.core.host.UserFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Installs the pykrita plug-in into Krita's user plug-in folder (default {@code ~/.local/share/krita/pykrita}):
 * <ul>
 *   <li>{@code atelier.desktop} and {@code atelier/**}: the plug-in as assembled by the build in
 *       {@code host-krita/target/pykrita} (with its copy of the protocol client, {@code atelier/atelier_client});</li>
 *   <li>{@code atelier/settings.json}: {@code {"daemon_command": [...], "socket": ...}}, how to reach and start
 *       the daemon;</li>
 *   <li>{@code enable_atelier=true} in the {@code [python]} section of {@code kritarc}, which is what makes
 *       Krita load the plug-in (other keys are left exactly as they were);</li>
 *   <li>{@code atelier/installed.txt}: the files above and the kritarc edit, which uninstall undoes — and
 *       nothing else.</li>
 * </ul>
 * Each install also refreshes {@code host-krita/target/atelier-krita.zip} (see {@link PluginZip}).
 */
public final class KritaInstaller implements HostInstaller {

    public static final String PLUGIN = "atelier";
    public static final String DESKTOP = "atelier.desktop";
    public static final String SETTINGS = "settings.json";
    public static final String MANIFEST = "installed.txt";
    public static final String SECTION = "python";
    public static final String ENABLE_KEY = "enable_atelier";
    private static final String RC_MARK = "@kritarc ";
    private static final String RC_SECTION_MARK = "@kritarc-section-created";
    private static final String RC_FILE_MARK = "@kritarc-file-created";

    private final Optional<Path> socket;
    private final Optional<Path> kritarc;

    /** The installer {@code atelier install --host krita} uses: default socket and kritarc. */
    public KritaInstaller() {
        this(Optional.empty(), Optional.empty());
    }

    /**
     * @param socket the daemon socket to write into the settings; empty for the protocol's default
     * @param kritarc the kritarc to enable the plug-in in; empty for the platform default
     */
    public KritaInstaller(Optional<Path> socket, Optional<Path> kritarc) {
        this.socket = socket;
        this.kritarc = kritarc;
    }

    @Override
    public String host() {
        return "krita";
    }

    /** Krita's user pykrita folder on this machine. */
    public static Path defaultPrefix() {
        return defaultPrefix(UserFolders.current());
    }

    static Path defaultPrefix(String osName, Function<String, String> env, Path userHome) {
        return defaultPrefix(new UserFolders(osName, env, userHome));
    }

    private static Path defaultPrefix(UserFolders user) {
        return user.dataFolder().resolve("krita").resolve("pykrita");
    }

    /** Krita's settings file (kritarc) on this machine. */
    public static Path defaultKritarc() {
        return defaultKritarc(UserFolders.current());
    }

    static Path defaultKritarc(String osName, Function<String, String> env, Path userHome) {
        return defaultKritarc(new UserFolders(osName, env, userHome));
    }

    private static Path defaultKritarc(UserFolders user) {
        Path base = user.windows() ? user.localAppData()
                : user.mac() ? user.userHome().resolve("Library").resolve("Preferences") : user.xdgConfigHome();
        return base.resolve("kritarc");
    }

    /** The assembled plug-in of a build: {@code home/host-krita/target/pykrita}. */
    public static Path builtPlugin(Path home) {
        return home.resolve("host-krita").resolve("target").resolve("pykrita");
    }

    static void checkBuilt(Path pykrita) throws IOException {
        if (!Files.isRegularFile(pykrita.resolve(DESKTOP))
                || !Files.isRegularFile(pykrita.resolve(PLUGIN).resolve("__init__.py"))
                || !Files.isRegularFile(pykrita.resolve(PLUGIN).resolve("atelier_client").resolve("__init__.py"))) {
            throw new IOException("the Krita plug-in is not built (" + pykrita + " is incomplete); run: "
                    + "./mvnw -q install -DskipTests -pl host-krita -am");
        }
    }

    @Override
    public InstallReport install(InstallOptions options) throws IOException {
        Path prefix = options.prefix().orElseGet(KritaInstaller::defaultPrefix).toAbsolutePath();
        Path source = builtPlugin(options.home());
        checkBuilt(source);
        uninstall(options); // a reinstall starts clean, so files dropped from the plug-in do not linger
        Path dir = prefix.resolve(PLUGIN);
        InstallLedger ledger = new InstallLedger(prefix, dir.resolve(MANIFEST));
        List<String> notes = new ArrayList<>();
        ledger.copyAll(source, PluginZip.files(source), prefix);
        ledger.write(dir.resolve(SETTINGS), settingsJson(options.daemonCommand(), socket));

        Path rc = kritarc.orElseGet(KritaInstaller::defaultKritarc).toAbsolutePath();
        boolean rcExisted = Files.isRegularFile(rc);
        String before = rcExisted ? Files.readString(rc, StandardCharsets.UTF_8) : "";
        KritaRc.Edit edit = KritaRc.set(before, SECTION, ENABLE_KEY, "true");
        if (edit.changed()) {
            Files.createDirectories(rc.getParent());
            writeAtomically(rc, edit.text());
        }

        List<String> marks = new ArrayList<>(List.of(RC_MARK + rc));
        if (edit.sectionCreated()) {
            marks.add(RC_SECTION_MARK);
        }
        if (!rcExisted) {
            marks.add(RC_FILE_MARK);
        }
        List<Path> written = ledger.commit("# Files written by 'atelier install --host krita', relative to " + prefix
                + "; 'atelier uninstall --host krita' removes exactly these,\n# and the " + ENABLE_KEY + " line of ["
                + SECTION + "] in the kritarc named below.\n", marks);

        Path zip = options.home().resolve("host-krita").resolve("target").resolve(PluginZip.FILE_NAME);
        try {
            PluginZip.write(source, zip);
            notes.add("plug-in zip for Tools ▸ Scripts ▸ Import Python Plugin from File: " + zip);
        } catch (IOException e) {
            notes.add("note: could not write " + zip + " (" + e.getMessage() + ")");
        }
        notes.add("enabled in " + rc + " ([" + SECTION + "] " + ENABLE_KEY + "=true)");
        notes.add("restart Krita (close it first: it rewrites kritarc on exit); the panels are in "
                + "Settings ▸ Dockers ▸ Atelier");
        return new InstallReport(host(), prefix, written, notes);
    }

    @Override
    public InstallReport uninstall(InstallOptions options) throws IOException {
        Path prefix = options.prefix().orElseGet(KritaInstaller::defaultPrefix).toAbsolutePath();
        Optional<InstallLedger.Removal> removal = InstallLedger.uninstall(prefix,
                prefix.resolve(PLUGIN).resolve(MANIFEST));
        if (removal.isEmpty()) {
            return new InstallReport(host(), prefix, List.of(), List.of("nothing installed in " + prefix));
        }
        Path rc = null;
        boolean sectionCreated = false;
        boolean fileCreated = false;
        for (String mark : removal.get().marks()) {
            if (mark.startsWith(RC_MARK)) {
                rc = Path.of(mark.substring(RC_MARK.length()).trim());
            } else if (mark.equals(RC_SECTION_MARK)) {
                sectionCreated = true;
            } else if (mark.equals(RC_FILE_MARK)) {
                fileCreated = true;
            }
        }
        List<String> notes = new ArrayList<>();
        if (rc != null && Files.isRegularFile(rc)) {
            KritaRc.Edit edit = KritaRc.remove(Files.readString(rc, StandardCharsets.UTF_8), SECTION, ENABLE_KEY,
                    sectionCreated);
            if (edit.changed() && fileCreated && edit.text().isBlank()) {
                Files.delete(rc); // install created it for this one line
                notes.add("removed " + rc);
            } else if (edit.changed()) {
                writeAtomically(rc, edit.text());
                notes.add("removed " + ENABLE_KEY + " from " + rc);
            }
        }
        return new InstallReport(host(), prefix, removal.get().removed(), notes);
    }

    static String settingsJson(List<String> daemonCommand, Optional<Path> socket) {
        return SettingsJson.daemonCommand(daemonCommand).text(socket);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".atelier-tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
