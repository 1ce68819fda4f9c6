package dev.atelier.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.atelier.inference.testing.JavaProcess;
import dev.atelier.inference.testing.JavaProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code atelier panels} with a studio folder named by {@code ATELIER_WORKFLOWS}: the App is listed after the
 * built-ins (stdout stays a JSON array) and the broken file is named with its error on stderr.
 */
class PanelsAppsProcessTest {

    @TempDir
    Path dir;

    @Test
    void panelsListsAppsAndBrokenWorkflowFiles() throws Exception {
        Path studio = Files.createDirectories(dir.resolve("studio"));
        Files.writeString(studio.resolve("edges.json"), """
                {"format": 1, "id": "edges-2x", "title": "Edges 2x",
                 "inputs": [{"id": "image", "type": "image"}],
                 "nodes": [{"id": "up", "operation": "upscale", "params": {"preset": "precise"}},
                           {"id": "edges", "operation": "detect", "params": {}}],
                 "edges": [{"from": "inputs.image", "to": "up.image"}, {"from": "up.image", "to": "edges.image"}],
                 "parameters": [{"id": "factor", "node": "up", "param": "factor"}],
                 "outputs": [{"id": "map", "from": "edges.image"}]}
                """);
        Files.writeString(studio.resolve("typo.json"), "{\"format\": 1, \"id\": \"typo\",");
        Map<String, String> env = Map.of("ATELIER_SOCKET", dir.resolve("run/atelier.sock").toString(),
                "ATELIER_STATE_DIR", dir.resolve("state").toString(),
                "ATELIER_USER_WORKFLOWS", dir.resolve("mine").toString(),
                "ATELIER_WORKFLOWS", studio + ":" + dir.resolve("missing"));
        try {
            Outcome o = JavaProcess.run(dir, env, 60, "panels");
            assertEquals(0, o.exit(), o.stderr());
            JsonArray panels = JsonParser.parseString(o.stdout()).getAsJsonArray();
            List<String> ids = new ArrayList<>();
            for (JsonElement p : panels) {
                ids.add(p.getAsJsonObject().get("id").getAsString());
            }
            assertEquals("edges-2x", ids.get(ids.size() - 1), ids.toString());
            assertEquals("workflow", panels.get(ids.size() - 1).getAsJsonObject().get("operation").getAsString());
            assertTrue(o.stderr().contains("typo.json not used: workflow 'typo.json': not valid JSON"), o.stderr());
        } finally {
            JavaProcess.run(dir, env, 30, "stop");
        }
    }
}
