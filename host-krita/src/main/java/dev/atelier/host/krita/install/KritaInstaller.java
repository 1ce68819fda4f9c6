package dev.atelier.host.krita.install;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.atelier.core.host.HostInstaller;
import dev.atelier.core.host.InstallOptions;
import dev.atelier.core.host.InstallReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
        return defaultPrefix(System.getProperty("os.name"), System::getenv, Path.of(System.getProperty("user.home")));
    }

    static Path defaultPrefix(String osName, Function<String, String> env, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return windowsBase(env, "APPDATA", userHome.resolve("AppData").resolve("Roaming"))
                    .resolve("krita").resolve("pykrita");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("krita").resolve("pykrita");
        }
        return xdg(env, "XDG_DATA_HOME", userHome.resolve(".local").resolve("share"))
                .resolve("krita").resolve("pykrita");
    }

    /** Krita's settings file (kritarc) on this machine. */
    public static Path defaultKritarc() {
        return defaultKritarc(System.getProperty("os.name"), System::getenv, Path.of(System.getProperty("user.home")));
    }

    static Path defaultKritarc(String osName, Function<String, String> env, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return windowsBase(env, "LOCALAPPDATA", userHome.resolve("AppData").resolve("Local")).resolve("kritarc");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Preferences").resolve("kritarc");
        }
        return xdg(env, "XDG_CONFIG_HOME", userHome.resolve(".config")).resolve("kritarc");
    }

    private static Path xdg(Function<String, String> env, String name, Path fallback) {
        String v = env.apply(name);
        return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }

    private static Path windowsBase(Function<String, String> env, String name, Path fallback) {
        String v = env.apply(name);
        return v != null && !v.isBlank() ? Path.of(v) : fallback;
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
        List<Path> written = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path rel : PluginZip.files(source)) {
            Path target = prefix.resolve(rel.toString());
            Files.createDirectories(target.getParent());
            Files.copy(source.resolve(rel), target, StandardCopyOption.REPLACE_EXISTING);
            written.add(target);
        }
        Path dir = prefix.resolve(PLUGIN);
        Path settings = dir.resolve(SETTINGS);
        Files.writeString(settings, settingsJson(options.daemonCommand(), socket), StandardCharsets.UTF_8);
        written.add(settings);

        Path rc = kritarc.orElseGet(KritaInstaller::defaultKritarc).toAbsolutePath();
        boolean rcExisted = Files.isRegularFile(rc);
        String before = rcExisted ? Files.readString(rc, StandardCharsets.UTF_8) : "";
        KritaRc.Edit edit = KritaRc.set(before, SECTION, ENABLE_KEY, "true");
        if (edit.changed()) {
            Files.createDirectories(rc.getParent());
            writeAtomically(rc, edit.text());
        }

        Path manifest = dir.resolve(MANIFEST);
        StringBuilder m = new StringBuilder("# Files written by 'atelier install --host krita', relative to ")
                .append(prefix).append("; 'atelier uninstall --host krita' removes exactly these,\n")
                .append("# and the ").append(ENABLE_KEY).append(" line of [").append(SECTION)
                .append("] in the kritarc named below.\n");
        for (Path f : written) {
            m.append(prefix.relativize(f).toString().replace('\\', '/')).append('\n');
        }
        m.append(RC_MARK).append(rc).append('\n');
        if (edit.sectionCreated()) {
            m.append(RC_SECTION_MARK).append('\n');
        }
        if (!rcExisted) {
            m.append(RC_FILE_MARK).append('\n');
        }
        Files.writeString(manifest, m.toString(), StandardCharsets.UTF_8);
        written.add(manifest);

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
        Path dir = prefix.resolve(PLUGIN);
        Path manifest = dir.resolve(MANIFEST);
        List<Path> removed = new ArrayList<>();
        if (!Files.isRegularFile(manifest)) {
            return new InstallReport(host(), prefix, removed, List.of("nothing installed in " + prefix));
        }
        Path rc = null;
        boolean sectionCreated = false;
        boolean fileCreated = false;
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String rel = line.trim();
            if (rel.startsWith(RC_MARK)) {
                rc = Path.of(rel.substring(RC_MARK.length()).trim());
                continue;
            }
            if (rel.equals(RC_SECTION_MARK)) {
                sectionCreated = true;
                continue;
            }
            if (rel.equals(RC_FILE_MARK)) {
                fileCreated = true;
                continue;
            }
            if (rel.isEmpty() || rel.startsWith("#")) {
                continue;
            }
            Path file = prefix.resolve(rel).normalize();
            if (!file.startsWith(prefix)) {
                continue; // a manifest never points outside the prefix; ignore one that does
            }
            if (Files.deleteIfExists(file)) {
                removed.add(file);
            }
        }
        Files.deleteIfExists(manifest);
        removed.add(manifest);
        deleteEmptyDirs(dir);
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
        return new InstallReport(host(), prefix, removed, notes);
    }

    static String settingsJson(List<String> daemonCommand, Optional<Path> socket) {
        JsonObject o = new JsonObject();
        JsonArray cmd = new JsonArray();
        daemonCommand.forEach(cmd::add);
        o.add("daemon_command", cmd);
        socket.ifPresent(s -> o.addProperty("socket", s.toAbsolutePath().toString()));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".atelier-tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes {@code dir} and its sub-folders bottom-up where they are empty (foreign files keep theirs). */
    private static void deleteEmptyDirs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> dirs = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            s.filter(Files::isDirectory).forEach(dirs::add);
        }
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path d : dirs) {
            if (d.getFileName().toString().equals("__pycache__")) {
                deletePycache(d);
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                if (s.iterator().hasNext()) {
                    continue;
                }
            }
            Files.delete(d);
        }
    }

    /** Python's own byte-code cache next to our modules (Krita writes it; it is ours to remove). */
    private static void deletePycache(Path d) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.pyc")) {
            for (Path f : s) {
                Files.deleteIfExists(f);
            }
        }
    }
}
