package dev.atelier.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsJsonTest {

    @Test
    void daemonCommandFirstSocketLastPrettyPrinted() {
        String text = SettingsJson.daemonCommand(List.of("/opt/atelier", "daemon"))
                .command("cli", List.of("/opt/atelier")).command("argv", List.of("java", "-jar", "a<b>.jar"))
                .text(Optional.of(Path.of("/run/a.sock")));
        assertEquals("{\n  \"daemon_command\": [\n    \"/opt/atelier\",\n    \"daemon\"\n  ],\n"
                + "  \"cli\": \"/opt/atelier\",\n  \"argv\": [\n    \"java\",\n    \"-jar\",\n    \"a<b>.jar\"\n  ],\n"
                + "  \"socket\": \"/run/a.sock\"\n}\n", text);
    }

    @Test
    void noSocketNoKey() {
        SettingsJson s = SettingsJson.daemonCommand(List.of());
        assertEquals("{\n  \"daemon_command\": []\n}\n", s.text(Optional.empty()));
        assertEquals(s.text(Optional.empty()), s.text(Optional.empty()), "text() leaves the settings as they were");
    }
}
