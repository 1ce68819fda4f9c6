package dev.atelier.host.blender.install;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.atelier.core.host.HostInstaller;
import dev.atelier.core.host.InstallOptions;
import dev.atelier.core.host.InstallReport;
import java.io.File;
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
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs the Blender add-on into Blender's user scripts folder — {@code <config>/blender/<version>/scripts} for
 * every Blender version with a config folder here (and the version of the {@code blender} on the PATH), or the
 * {@code --prefix} given (a scripts folder, as {@code BLENDER_USER_SCRIPTS} names one):
 * <ul>
 *   <li>{@code addons/atelier/**}: the add-on as the build assembled it in {@code host-blender-bridge/target/addon}
 *       (with its copy of the protocol client, {@code atelier/atelier_client});</li>
 *   <li>{@code addons/atelier/settings.json}: {@code {"daemon_command": [...], "atelier_cli": ..., "socket": ...}};</li>
 *   <li>{@code addons/atelier/installed.txt}: the files above, which uninstall removes — and nothing else.</li>
 * </ul>
 * When the default folders are used and {@code blender} is on the PATH, the add-on is also enabled in that
 * Blender's preferences ({@code blender -b --python-expr "addon_enable + save_userpref"}, with the user's own
 * preferences loaded, so nothing else in them changes); uninstall disables it the same way. Each install also
 * refreshes {@code host-blender-bridge/target/atelier-blender.zip} (see {@link AddonZip}).
 */
public final class BlenderInstaller implements HostInstaller {

    public static final String ADDON = "atelier";
    public static final String SETTINGS = "settings.json";
    public static final String MANIFEST = "installed.txt";
    private static final String ENABLED_MARK = "@enabled-with ";
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)$");
    private static final Pattern BLENDER_VERSION = Pattern.compile("Blender (\\d+)\\.(\\d+)");

    private final Optional<Path> socket;
    private final Optional<List<String>> cli;
    private final Optional<Path> blender;

    /** The installer {@code atelier install --host blender} uses: default socket, bin/atelier, blender on PATH. */
    public BlenderInstaller() {
        this(Optional.empty(), Optional.empty(), which("blender"));
    }

    /**
     * @param socket the daemon socket to write into the settings; empty for the protocol's default
     * @param cli the Atelier CLI's argv for the settings; empty for {@code <home>/bin/atelier}
     * @param blender the Blender executable used to enable the add-on (default folders only); empty: none
     */
    public BlenderInstaller(Optional<Path> socket, Optional<List<String>> cli, Optional<Path> blender) {
        this.socket = socket;
        this.cli = cli.map(List::copyOf);
        this.blender = blender;
    }

    @Override
    public String host() {
        return "blender";
    }

    /** Blender's per-user config root: {@code ~/.config/blender} on Linux (XDG_CONFIG_HOME respected). */
    static Path configRoot(String osName, Function<String, String> env, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.apply("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData)
                    : userHome.resolve("AppData").resolve("Roaming");
            return base.resolve("Blender Foundation").resolve("Blender");
        }
        if (os.startsWith("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("Blender");
        }
        String xdg = env.apply("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : userHome.resolve(".config");
        return base.resolve("blender");
    }

    static Path configRoot() {
        return configRoot(System.getProperty("os.name"), System::getenv, Path.of(System.getProperty("user.home")));
    }

    /** The scripts folders to install into: one per version folder under the config root, plus {@code extra}. */
    static List<Path> defaultPrefixes(Path configRoot, Optional<String> extraVersion) throws IOException {
        TreeSet<String> versions = new TreeSet<>();
        if (Files.isDirectory(configRoot)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(configRoot)) {
                for (Path d : s) {
                    if (Files.isDirectory(d) && VERSION.matcher(d.getFileName().toString()).matches()) {
                        versions.add(d.getFileName().toString());
                    }
                }
            }
        }
        extraVersion.ifPresent(versions::add);
        List<Path> out = new ArrayList<>();
        versions.forEach(v -> out.add(configRoot.resolve(v).resolve("scripts")));
        return out;
    }

    /** "3.4" from {@code blender --version}, when the executable runs. */
    static Optional<String> version(Path blender) {
        try {
            Process p = new ProcessBuilder(blender.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = BLENDER_VERSION.matcher(out);
            return m.find() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Optional<Path> which(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The assembled add-on of a build: {@code home/host-blender-bridge/target/addon} (holding atelier/). */
    public static Path builtAddon(Path home) {
        return home.resolve("host-blender-bridge").resolve("target").resolve("addon");
    }

    static void checkBuilt(Path addon) throws IOException {
        Path pkg = addon.resolve(ADDON);
        if (!Files.isRegularFile(pkg.resolve("__init__.py"))
                || !Files.isRegularFile(pkg.resolve("blender_manifest.toml"))
                || !Files.isRegularFile(pkg.resolve("atelier_client").resolve("__init__.py"))) {
            throw new IOException("the Blender add-on is not built (" + addon + " is incomplete); run: "
                    + "./mvnw -q install -DskipTests -pl host-blender-bridge -am");
        }
    }

    private List<Path> prefixes(InstallOptions options, boolean forInstall) throws IOException {
        if (options.prefix().isPresent()) {
            return List.of(options.prefix().get().toAbsolutePath());
        }
        Optional<String> v = forInstall ? blender.flatMap(BlenderInstaller::version) : Optional.empty();
        List<Path> found = defaultPrefixes(configRoot(), v);
        if (found.isEmpty() && forInstall) {
            throw new IOException("no Blender found: no version folder in " + configRoot() + " and no blender on "
                    + "the PATH; start Blender once, or install with --prefix <Blender's user scripts folder>");
        }
        return found;
    }

    @Override
    public InstallReport install(InstallOptions options) throws IOException {
        Path source = builtAddon(options.home());
        checkBuilt(source);
        List<Path> prefixes = prefixes(options, true);
        uninstall(options); // a reinstall starts clean, so files dropped from the add-on do not linger
        List<Path> written = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> cliCommand = cli.orElseGet(() -> List.of(options.home().resolve("bin").resolve("atelier")
                .toString()));
        Optional<String> enabledVersion = Optional.empty();
        if (options.prefix().isEmpty() && blender.isPresent()) {
            enabledVersion = version(blender.get());
        }
        for (Path prefix : prefixes) {
            List<Path> mine = new ArrayList<>();
            for (Path rel : AddonZip.files(source)) {
                Path target = prefix.resolve("addons").resolve(rel.toString());
                Files.createDirectories(target.getParent());
                Files.copy(source.resolve(rel), target, StandardCopyOption.REPLACE_EXISTING);
                mine.add(target);
            }
            Path dir = prefix.resolve("addons").resolve(ADDON);
            Path settings = dir.resolve(SETTINGS);
            Files.writeString(settings, settingsJson(options.daemonCommand(), cliCommand, socket),
                    StandardCharsets.UTF_8);
            mine.add(settings);
            boolean enable = enabledVersion.isPresent()
                    && prefix.getParent() != null && prefix.getParent().getFileName().toString()
                    .equals(enabledVersion.get());
            if (enable) {
                String err = runBlender(blender.get(), "import bpy; bpy.ops.preferences.addon_enable(module='atelier');"
                        + " bpy.ops.wm.save_userpref()");
                notes.add(err.isEmpty() ? "enabled in Blender " + enabledVersion.get() + "'s preferences"
                        : "note: could not enable the add-on (" + err + "); enable it in Preferences ▸ Add-ons");
                enable = err.isEmpty();
            }
            Path manifest = dir.resolve(MANIFEST);
            StringBuilder m = new StringBuilder("# Files written by 'atelier install --host blender', relative to ")
                    .append(prefix).append(";\n# 'atelier uninstall --host blender' removes exactly these.\n");
            for (Path f : mine) {
                m.append(prefix.relativize(f).toString().replace('\\', '/')).append('\n');
            }
            if (enable) {
                m.append(ENABLED_MARK).append(blender.get()).append('\n');
            }
            Files.writeString(manifest, m.toString(), StandardCharsets.UTF_8);
            mine.add(manifest);
            written.addAll(mine);
            if (!enable) {
                notes.add(options.prefix().isPresent()
                        ? "run Blender with BLENDER_USER_SCRIPTS=" + prefix + " and enable 'Atelier' in Preferences ▸ "
                                + "Add-ons (or pass --addons atelier)"
                        : "enable 'Atelier' in Blender's Preferences ▸ Add-ons (" + prefix + ")");
            }
        }
        Path zip = options.home().resolve("host-blender-bridge").resolve("target").resolve(AddonZip.FILE_NAME);
        try {
            AddonZip.write(source, zip);
            notes.add("add-on zip for Preferences ▸ Add-ons ▸ Install: " + zip);
        } catch (IOException e) {
            notes.add("note: could not write " + zip + " (" + e.getMessage() + ")");
        }
        notes.add("the panels are in the Image Editor's sidebar (N), tab Atelier");
        return new InstallReport(host(), prefixes.get(0), written, notes);
    }

    @Override
    public InstallReport uninstall(InstallOptions options) throws IOException {
        List<Path> prefixes = prefixes(options, false);
        List<Path> removed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path prefix : prefixes) {
            Path dir = prefix.resolve("addons").resolve(ADDON);
            Path manifest = dir.resolve(MANIFEST);
            if (!Files.isRegularFile(manifest)) {
                continue;
            }
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                String rel = line.trim();
                if (rel.startsWith(ENABLED_MARK)) {
                    Path exe = Path.of(rel.substring(ENABLED_MARK.length()).trim());
                    if (Files.isExecutable(exe)) {
                        String err = runBlender(exe, "import bpy; bpy.ops.preferences.addon_disable(module='atelier');"
                                + " bpy.ops.wm.save_userpref()");
                        notes.add(err.isEmpty() ? "disabled in " + exe + "'s preferences"
                                : "note: could not disable the add-on (" + err + ")");
                    }
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
        }
        if (removed.isEmpty()) {
            notes.add("nothing installed");
        }
        return new InstallReport(host(), prefixes.isEmpty() ? configRoot() : prefixes.get(0), removed, notes);
    }

    /** Runs {@code blender -b --python-expr EXPR} with the user's preferences; "" on success, else why not. */
    static String runBlender(Path exe, String expr) {
        try {
            Process p = new ProcessBuilder(exe.toString(), "-b", "--python-exit-code", "1", "--python-expr", expr)
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "Blender did not finish in 120 s";
            }
            if (p.exitValue() != 0) {
                String[] lines = out.strip().split("\n");
                return "exit code " + p.exitValue() + ": " + lines[lines.length - 1];
            }
            return "";
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static String settingsJson(List<String> daemonCommand, List<String> cliCommand, Optional<Path> socket) {
        JsonObject o = new JsonObject();
        JsonArray cmd = new JsonArray();
        daemonCommand.forEach(cmd::add);
        o.add("daemon_command", cmd);
        if (cliCommand.size() == 1) {
            o.addProperty("atelier_cli", cliCommand.get(0));
        } else {
            JsonArray c = new JsonArray();
            cliCommand.forEach(c::add);
            o.add("atelier_cli", c);
        }
        socket.ifPresent(s -> o.addProperty("socket", s.toAbsolutePath().toString()));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
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
                try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.pyc")) {
                    for (Path f : s) {
                        Files.deleteIfExists(f); // Python's byte-code cache next to our modules is ours
                    }
                }
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                if (s.iterator().hasNext()) {
                    continue;
                }
            }
            Files.delete(d);
        }
    }
}
