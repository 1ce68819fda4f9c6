package dev.atelier.host.blender.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.core.host.HostInstaller;
import dev.atelier.core.host.InstallOptions;
import dev.atelier.core.host.InstallReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlenderInstallerTest {

    @TempDir
    Path dir;

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    private InstallOptions options(Path prefix) {
        return new InstallOptions(Optional.of(prefix), List.of("/opt/atelier/bin/atelier", "daemon"), HOME);
    }

    @Test
    void installCopiesTheAddonWritesSettingsAndUninstallRemovesExactlyThat() throws Exception {
        Path scripts = dir.resolve("scripts");
        Path foreign = scripts.resolve("addons/other_addon/__init__.py");
        Files.createDirectories(foreign.getParent());
        Files.writeString(foreign, "# not ours");
        BlenderInstaller installer = new BlenderInstaller(Optional.of(dir.resolve("a.sock")),
                Optional.of(List.of("java", "-cp", "x", "Main")), Optional.empty());
        InstallReport report = installer.install(options(scripts));
        Path addon = scripts.resolve("addons/atelier");
        assertTrue(Files.isRegularFile(addon.resolve("__init__.py")));
        assertTrue(Files.isRegularFile(addon.resolve("blender_manifest.toml")));
        assertTrue(Files.isRegularFile(addon.resolve("atelier_client/pixels.py")));
        JsonObject settings = JsonParser.parseString(Files.readString(addon.resolve("settings.json"))).getAsJsonObject();
        assertEquals("[\"/opt/atelier/bin/atelier\",\"daemon\"]", settings.get("daemon_command").toString());
        assertEquals("[\"java\",\"-cp\",\"x\",\"Main\"]", settings.get("atelier_cli").toString());
        assertEquals(dir.resolve("a.sock").toString(), settings.get("socket").getAsString());
        List<String> manifest = Files.readAllLines(addon.resolve("installed.txt"));
        assertTrue(manifest.contains("addons/atelier/settings.json"), manifest.toString());
        assertTrue(manifest.contains("addons/atelier/atelier_client/client.py"), manifest.toString());
        assertEquals(report.files().size(), manifest.stream().filter(l -> !l.startsWith("#")).count() + 1);
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("BLENDER_USER_SCRIPTS=" + scripts)),
                report.notes().toString());
        assertTrue(Files.isRegularFile(HOME.resolve("host-blender-bridge/target/atelier-blender.zip")));

        Files.createDirectories(addon.resolve("__pycache__"));
        Files.writeString(addon.resolve("__pycache__/api.cpython-311.pyc"), "x");
        Files.writeString(addon.resolve("user-notes.txt"), "mine");
        installer.uninstall(options(scripts));
        assertEquals(List.of(addon.resolve("user-notes.txt")), list(addon));
        assertTrue(Files.isRegularFile(foreign));
        Files.delete(addon.resolve("user-notes.txt"));
        installer.install(options(scripts));
        installer.uninstall(options(scripts));
        assertFalse(Files.exists(addon));
        assertTrue(installer.uninstall(options(scripts)).notes().contains("nothing installed"));
    }

    @Test
    void theCliDefaultsToBinAtelierAsAPath() throws Exception {
        new BlenderInstaller(Optional.empty(), Optional.empty(), Optional.empty()).install(options(dir));
        JsonObject settings = JsonParser.parseString(Files.readString(dir.resolve("addons/atelier/settings.json")))
                .getAsJsonObject();
        assertEquals(HOME.resolve("bin/atelier").toString(), settings.get("atelier_cli").getAsString());
        assertFalse(settings.has("socket"));
    }

    @Test
    void defaultFoldersAreEveryVersionUnderTheConfigRoot() throws Exception {
        Path root = BlenderInstaller.configRoot("Linux", Map.of("XDG_CONFIG_HOME", dir.toString())::get,
                Path.of("/home/u"));
        assertEquals(dir.resolve("blender"), root);
        assertEquals(Path.of("/home/u/.config/blender"),
                BlenderInstaller.configRoot("Linux", k -> null, Path.of("/home/u")));
        Files.createDirectories(root.resolve("3.4/config"));
        Files.createDirectories(root.resolve("4.1"));
        Files.createDirectories(root.resolve("not-a-version"));
        assertEquals(List.of(root.resolve("3.4/scripts"), root.resolve("3.6/scripts"), root.resolve("4.1/scripts")),
                BlenderInstaller.defaultPrefixes(root, Optional.of("3.6")));
        assertEquals(List.of(), BlenderInstaller.defaultPrefixes(dir.resolve("none"), Optional.empty()));
    }

    @Test
    void anUnbuiltAddonIsReportedWithTheBuildCommand() {
        var e = assertThrows(java.io.IOException.class, () -> new BlenderInstaller(Optional.empty(), Optional.empty(),
                Optional.empty()).install(new InstallOptions(Optional.of(dir), List.of(), dir)));
        assertTrue(e.getMessage().contains("-pl host-blender-bridge -am"), e.getMessage());
    }

    @Test
    void foundThroughServiceLoader() {
        assertTrue(ServiceLoader.load(HostInstaller.class).stream()
                .anyMatch(p -> p.get().host().equals("blender")));
    }

    private static List<Path> list(Path d) throws Exception {
        try (var s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
