package dev.atelier.host.blender.install;

import dev.atelier.core.host.ExecutableOnPath;
import dev.atelier.core.host.HostInstaller;
import dev.atelier.core.host.InstallOptions;
import dev.atelier.core.host.InstallLedger;
import dev.atelier.core.host.InstallReport;
import dev.atelier.core.host.SettingsJson;
import dev.atelier.core.host.UserFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        this(Optional.empty(), Optional.empty(), ExecutableOnPath.find("blender"));
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
        UserFolders user = new UserFolders(osName, env, userHome);
        Path config = user.configFolder();
        return user.windows() ? config.resolve("Blender Foundation").resolve("Blender")
                : config.resolve(user.mac() ? "Blender" : "blender");
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
            Path dir = prefix.resolve("addons").resolve(ADDON);
            InstallLedger ledger = new InstallLedger(prefix, dir.resolve(MANIFEST));
            ledger.copyAll(source, AddonZip.files(source), prefix.resolve("addons"));
            ledger.write(dir.resolve(SETTINGS), settingsJson(options.daemonCommand(), cliCommand, socket));
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
            written.addAll(ledger.commit("# Files written by 'atelier install --host blender', relative to " + prefix
                    + ";\n# 'atelier uninstall --host blender' removes exactly these.\n",
                    enable ? List.of(ENABLED_MARK + blender.get()) : List.of()));
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
            Optional<InstallLedger.Removal> removal = InstallLedger.uninstall(prefix,
                    prefix.resolve("addons").resolve(ADDON).resolve(MANIFEST));
            if (removal.isEmpty()) {
                continue;
            }
            removed.addAll(removal.get().removed());
            for (String mark : removal.get().marks()) {
                if (!mark.startsWith(ENABLED_MARK)) {
                    continue;
                }
                Path exe = Path.of(mark.substring(ENABLED_MARK.length()).trim());
                if (Files.isExecutable(exe)) {
                    String err = runBlender(exe, "import bpy; bpy.ops.preferences.addon_disable(module='atelier');"
                            + " bpy.ops.wm.save_userpref()");
                    notes.add(err.isEmpty() ? "disabled in " + exe + "'s preferences"
                            : "note: could not disable the add-on (" + err + ")");
                }
            }
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
        return SettingsJson.daemonCommand(daemonCommand).command("atelier_cli", cliCommand).text(socket);
    }
}
