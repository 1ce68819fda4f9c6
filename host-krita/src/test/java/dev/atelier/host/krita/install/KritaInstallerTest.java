package dev.atelier.host.krita.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.core.host.HostInstaller;
import dev.atelier.core.host.InstallOptions;
import dev.atelier.core.host.InstallReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KritaInstallerTest {

    /** The repository root: tests run in host-krita/, whose target/pykrita the build assembled. */
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void defaultFolders() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/home/u/.local/share/krita/pykrita"),
                KritaInstaller.defaultPrefix("Linux", n -> null, home));
        assertEquals(Path.of("/xdg/data/krita/pykrita"),
                KritaInstaller.defaultPrefix("Linux", Map.of("XDG_DATA_HOME", "/xdg/data")::get, home));
        assertEquals(Path.of("/home/u/.local/share/krita/pykrita"),
                KritaInstaller.defaultPrefix("Linux", Map.of("XDG_DATA_HOME", "relative")::get, home));
        assertEquals(Path.of("/home/u/Library/Application Support/krita/pykrita"),
                KritaInstaller.defaultPrefix("Mac OS X", n -> null, home));
        assertEquals(Path.of("C:/Users/u/AppData/Roaming", "krita", "pykrita"),
                KritaInstaller.defaultPrefix("Windows 11", Map.of("APPDATA", "C:/Users/u/AppData/Roaming")::get, home));
        assertEquals(Path.of("/home/u/.config/kritarc"), KritaInstaller.defaultKritarc("Linux", n -> null, home));
        assertEquals(Path.of("/c/kritarc"),
                KritaInstaller.defaultKritarc("Linux", Map.of("XDG_CONFIG_HOME", "/c")::get, home));
        assertEquals(Path.of("/home/u/Library/Preferences/kritarc"),
                KritaInstaller.defaultKritarc("Mac OS X", n -> null, home));
    }

    @Test
    void isFoundThroughServiceLoader() {
        assertTrue(ServiceLoader.load(HostInstaller.class).stream()
                .anyMatch(p -> p.get().host().equals("krita") && p.type() == KritaInstaller.class));
    }

    @Test
    void installsEnablesAndUninstallsExactly() throws IOException {
        Path prefix = dir.resolve("data/krita/pykrita");
        Path rc = dir.resolve("config/kritarc");
        Files.createDirectories(rc.getParent());
        String rcBefore = "[General]\nA=1\n\n[python]\nenable_other=true\n";
        Files.writeString(rc, rcBefore);
        Files.createDirectories(prefix);
        Files.writeString(prefix.resolve("other.desktop"), "foreign");
        KritaInstaller installer = new KritaInstaller(Optional.of(dir.resolve("run/a.sock")), Optional.of(rc));
        InstallOptions options = new InstallOptions(Optional.of(prefix), List.of("/opt/atelier/bin/atelier", "daemon"),
                HOME);

        InstallReport report = installer.install(options);
        assertEquals(prefix, report.location());
        assertTrue(Files.isRegularFile(prefix.resolve("atelier.desktop")));
        assertTrue(Files.isRegularFile(prefix.resolve("atelier/__init__.py")));
        assertTrue(Files.isRegularFile(prefix.resolve("atelier/docker.py")));
        assertTrue(Files.isRegularFile(prefix.resolve("atelier/atelier_client/__init__.py")));
        JsonObject settings = JsonParser.parseString(Files.readString(prefix.resolve("atelier/settings.json")))
                .getAsJsonObject();
        assertEquals("[\"/opt/atelier/bin/atelier\",\"daemon\"]", settings.get("daemon_command").toString());
        assertEquals(dir.resolve("run/a.sock").toString(), settings.get("socket").getAsString());
        assertEquals(rcBefore + "enable_atelier=true\n", Files.readString(rc));
        String manifest = Files.readString(prefix.resolve("atelier/installed.txt"));
        assertTrue(manifest.contains("\natelier.desktop\n"), manifest);
        assertTrue(manifest.contains("@kritarc " + rc), manifest);
        assertTrue(report.files().contains(prefix.resolve("atelier/installed.txt")));

        // Reinstalling gives the same result; Krita's byte-code cache is cleaned up on uninstall.
        installer.install(options);
        assertEquals(rcBefore + "enable_atelier=true\n", Files.readString(rc));
        Files.createDirectories(prefix.resolve("atelier/__pycache__"));
        Files.writeString(prefix.resolve("atelier/__pycache__/api.cpython-311.pyc"), "x");

        InstallReport removed = installer.uninstall(options);
        assertFalse(Files.exists(prefix.resolve("atelier")));
        assertFalse(Files.exists(prefix.resolve("atelier.desktop")));
        assertEquals("foreign", Files.readString(prefix.resolve("other.desktop")));
        assertEquals(rcBefore, Files.readString(rc));
        assertTrue(removed.files().size() > 10, removed.toString());
        assertEquals(List.of("nothing installed in " + prefix), installer.uninstall(options).notes());
    }

    @Test
    void createsKritarcWhenMissingAndRemovesItsSectionAgain() throws IOException {
        Path prefix = dir.resolve("p");
        Path rc = dir.resolve("cfg/kritarc");
        KritaInstaller installer = new KritaInstaller(Optional.empty(), Optional.of(rc));
        InstallOptions options = new InstallOptions(Optional.of(prefix), List.of(), HOME);
        installer.install(options);
        assertEquals("[python]\nenable_atelier=true\n", Files.readString(rc));
        assertEquals("{\n  \"daemon_command\": []\n}\n", Files.readString(prefix.resolve("atelier/settings.json")));
        installer.uninstall(options);
        assertFalse(Files.exists(rc)); // created by install for that one line
        try (Stream<Path> s = Files.list(prefix)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void refusesAnUnbuiltPlugin() {
        KritaInstaller installer = new KritaInstaller(Optional.empty(), Optional.of(dir.resolve("kritarc")));
        IOException e = assertThrows(IOException.class, () -> installer.install(new InstallOptions(
                Optional.of(dir.resolve("p")), List.of(), dir)));
        assertTrue(e.getMessage().contains("the Krita plug-in is not built"), e.getMessage());
        assertTrue(e.getMessage().contains("./mvnw -q install -DskipTests -pl host-krita -am"), e.getMessage());
    }

    @Test
    void pluginZipHasTheDesktopFileAndPackageAtItsRoot() throws IOException {
        Path zip = HOME.resolve("host-krita/target/" + PluginZip.FILE_NAME); // the build's zip (see PluginZip)
        PluginZip.write(KritaInstaller.builtPlugin(HOME), zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = z.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("atelier.desktop"), names.toString());
            assertTrue(names.contains("atelier/__init__.py"), names.toString());
            assertTrue(names.contains("atelier/atelier_client/client.py"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.contains("__pycache__") || n.endsWith("settings.json")),
                    names.toString());
            String desktop = new String(z.getInputStream(z.getEntry("atelier.desktop")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(desktop.contains("X-KDE-Library=atelier"), desktop);
        }
    }
}
