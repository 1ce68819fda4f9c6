package dev.atelier.host.blender;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import dev.atelier.core.panel.BuiltInPanels;
import dev.atelier.core.panel.PanelJson;
import dev.atelier.host.blender.install.AddonZip;
import dev.atelier.testkit.PythonSuite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the add-on's Python unit tests (src/test/python, stdlib unittest, no Blender) against the add-on as the build
 * assembled it in target/addon, so the copied protocol client is the one tested; the built-in panels' descriptors
 * (as the daemon sends them) are handed over in a JSON file. Also refreshes target/atelier-blender.zip.
 */
class BlenderPythonUnitTest {

    @Test
    void pythonUnitTestsPass(@TempDir Path dir) throws Exception {
        JsonArray panels = new JsonArray();
        BuiltInPanels.all().forEach(p -> panels.add(PanelJson.toJson(p.descriptor())));
        Path panelsJson = dir.resolve("panels.json");
        Files.writeString(panelsJson, panels.toString(), StandardCharsets.UTF_8);
        PythonSuite.run("host-blender python", Path.of("src/test/python").toAbsolutePath(),
                List.of(Path.of("target/addon").toAbsolutePath()),
                Map.of("ATELIER_PANELS_JSON", panelsJson.toString()));
    }

    @Test
    void addonZipHoldsThePackageAtItsRoot() throws Exception {
        Path zip = Path.of("target").resolve(AddonZip.FILE_NAME);
        AddonZip.write(Path.of("target/addon"), zip);
        try (var z = new java.util.zip.ZipFile(zip.toFile())) {
            var names = z.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertTrue(names.contains("atelier/__init__.py"), names.toString());
            assertTrue(names.contains("atelier/blender_manifest.toml"), names.toString());
            assertTrue(names.contains("atelier/atelier_client/client.py"), names.toString());
            assertTrue(names.stream().allMatch(n -> n.startsWith("atelier/") && !n.contains("__pycache__")
                    && !n.endsWith("settings.json")), names.toString());
        }
    }
}
