package dev.atelier.core.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the upscale example in docs/panels.md equal to what {@link PanelJson#toJson} writes. */
class DocsExampleTest {

    @Test
    void upscaleExampleMatchesTheCode() throws Exception {
        Path doc = Path.of("..", "docs", "panels.md");
        assertTrue(Files.exists(doc), "docs/panels.md is missing");
        String text = Files.readString(doc);
        int start = text.indexOf("```json\n") + "```json\n".length();
        String example = text.substring(start, text.indexOf("```", start));
        assertEquals(PanelJson.toJson(BuiltInPanels.byId("upscale").orElseThrow().descriptor()),
                JsonParser.parseString(example));
    }
}
