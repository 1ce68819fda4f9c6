package dev.atelier.host.gimp.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.host.HostInstaller;
import dev.atelier.core.host.InstallOptions;
import dev.atelier.core.host.InstallReport;
import dev.atelier.host.gimp.PluginConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GimpInstallerTest {

    @TempDir
    Path dir;
    Path home;
    Path prefix;

    @BeforeEach
    void fakeBuild() throws IOException {
        home = dir.resolve("atelier");
        Path target = home.resolve("host-gimp/target");
        Files.createDirectories(target.resolve("lib"));
        Files.writeString(target.resolve("atelier-gimp.jar"), "main");
        Files.writeString(target.resolve("lib/jna-5.19.1.jar"), "jna");
        Files.writeString(target.resolve("lib/gson-2.15.0.jar"), "gson");
        prefix = dir.resolve("config/GIMP/2.10");
    }

    private InstallOptions options() {
        return new InstallOptions(Optional.of(prefix), List.of("/usr/bin/java", "-jar", "/a b/atelier.jar", "daemon"),
                home);
    }

    private Map<String, Object> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).collect(java.util.stream.Collectors.toMap(
                    p -> root.relativize(p).toString(), p -> p));
        }
    }

    @Test
    void foundThroughServiceLoader() {
        assertTrue(ServiceLoader.load(HostInstaller.class).stream()
                .anyMatch(p -> p.get().host().equals("gimp") && p.type() == GimpInstaller.class));
    }

    @Test
    void installsLauncherJarsSettingsScriptsAndManifest() throws IOException {
        Path socket = dir.resolve("run/atelier.sock");
        InstallReport r = new GimpInstaller(false, Optional.of(socket)).install(options());
        assertEquals(prefix, r.location());
        Path plugin = prefix.resolve("plug-ins/atelier");
        assertEquals(java.util.Set.of("plug-ins/atelier/atelier", "plug-ins/atelier/atelier-gimp.properties",
                "plug-ins/atelier/installed.txt", "plug-ins/atelier/lib/atelier-gimp.jar",
                "plug-ins/atelier/lib/gson-2.15.0.jar", "plug-ins/atelier/lib/jna-5.19.1.jar",
                "scripts/atelier-panels.scm"), filesUnder(prefix).keySet());
        assertTrue(Files.isExecutable(plugin.resolve("atelier")));
        String launcher = Files.readString(plugin.resolve("atelier"));
        assertTrue(launcher.contains(plugin.resolve("lib/atelier-gimp.jar").toString()), launcher);
        assertTrue(launcher.contains(plugin.resolve("atelier.jsa").toString()), launcher);
        PluginConfig config = PluginConfig.read(plugin);
        assertEquals(List.of("/usr/bin/java", "-jar", "/a b/atelier.jar", "daemon"), config.daemonCommand());
        assertEquals(Optional.of(socket), config.socket());
        assertTrue(Files.readString(prefix.resolve("scripts/atelier-panels.scm"))
                .contains("\"script-fu-atelier-upscale\""));
        List<String> manifest = Files.readAllLines(plugin.resolve("installed.txt")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertEquals(6, manifest.size());
        assertEquals(filesUnder(prefix).keySet().stream().filter(f -> !f.endsWith("installed.txt")).sorted().toList(),
                manifest.stream().sorted().toList());
        assertEquals(7, r.files().size());
    }

    @Test
    void uninstallRemovesExactlyWhatWasWrittenAndLeavesForeignFiles() throws IOException {
        Files.createDirectories(prefix.resolve("scripts"));
        Files.writeString(prefix.resolve("scripts/mine.scm"), "(define x 1)");
        Files.createDirectories(prefix.resolve("plug-ins/other"));
        Files.writeString(prefix.resolve("plug-ins/other/other.py"), "print()");
        GimpInstaller installer = new GimpInstaller(false, Optional.empty());
        installer.install(options());
        installer.install(options()); // reinstall over the top: still one set of files
        Files.writeString(prefix.resolve("plug-ins/atelier/notes.txt"), "user's own file");
        InstallReport r = installer.uninstall(options());
        assertEquals(7, r.files().size());
        assertEquals(java.util.Set.of("scripts/mine.scm", "plug-ins/other/other.py", "plug-ins/atelier/notes.txt"),
                filesUnder(prefix).keySet());
        assertFalse(Files.exists(prefix.resolve("plug-ins/atelier/lib")));
        Files.delete(prefix.resolve("plug-ins/atelier/notes.txt"));
        installer.install(options());
        installer.uninstall(options());
        assertFalse(Files.exists(prefix.resolve("plug-ins/atelier")), "the empty plug-in folder goes too");
        assertTrue(Files.isDirectory(prefix.resolve("scripts")));
        assertEquals(List.of(), installer.uninstall(options()).files(), "a second uninstall is a no-op");
    }

    @Test
    void uninstallIgnoresManifestLinesOutsideThePrefix() throws IOException {
        GimpInstaller installer = new GimpInstaller(false, Optional.empty());
        installer.install(options());
        Path outside = dir.resolve("precious.txt");
        Files.writeString(outside, "keep");
        Files.writeString(prefix.resolve("plug-ins/atelier/installed.txt"), "../../../precious.txt\n",
                java.nio.file.StandardOpenOption.APPEND);
        installer.uninstall(options());
        assertTrue(Files.exists(outside));
    }

    @Test
    void refusesWithAClearMessageWhenThePluginIsNotBuilt() throws IOException {
        Files.delete(home.resolve("host-gimp/target/atelier-gimp.jar"));
        IOException e = assertThrows(IOException.class,
                () -> new GimpInstaller(false, Optional.empty()).install(options()));
        assertTrue(e.getMessage().contains("not built"), e.getMessage());
        assertFalse(Files.exists(prefix.resolve("plug-ins/atelier")));
    }

    @Test
    void defaultPrefixPerPlatform() {
        Path user = Path.of("/home/ann");
        assertEquals(Path.of("/home/ann/.config/GIMP/2.10"), GimpInstaller.defaultPrefix("Linux", k -> null, user));
        assertEquals(Path.of("/xdg/GIMP/2.10"),
                GimpInstaller.defaultPrefix("Linux", k -> k.equals("XDG_CONFIG_HOME") ? "/xdg" : null, user));
        assertEquals(Path.of("/home/ann/.config/GIMP/2.10"),
                GimpInstaller.defaultPrefix("Linux", k -> k.equals("XDG_CONFIG_HOME") ? "relative" : null, user));
        assertEquals(Path.of("/home/ann/Library/Application Support/GIMP/2.10"),
                GimpInstaller.defaultPrefix("Mac OS X", k -> null, user));
        assertEquals(Path.of("/appdata/GIMP/2.10"),
                GimpInstaller.defaultPrefix("Windows 11", k -> k.equals("APPDATA") ? "/appdata" : null, user));
    }
}
