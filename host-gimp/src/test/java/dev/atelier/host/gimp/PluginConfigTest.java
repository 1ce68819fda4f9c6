package dev.atelier.host.gimp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginConfigTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsThroughTheFile() throws IOException {
        PluginConfig c = new PluginConfig(List.of("/opt/j dk/bin/java", "-jar", "C:\\a\\atelier.jar", "dae=mon"),
                Optional.of(Path.of("/run/user/1/atelier/atelier.sock")));
        Files.writeString(dir.resolve(PluginConfig.FILE_NAME), c.toText());
        assertEquals(c, PluginConfig.read(dir));
        assertEquals(Path.of("/run/user/1/atelier/atelier.sock"), c.clientOptions().socket());
        assertEquals(c.daemonCommand(), c.clientOptions().launcher());
    }

    @Test
    void missingFileMeansDefaultsAndBadCommandIsReported() throws IOException {
        assertEquals(new PluginConfig(List.of(), Optional.empty()), PluginConfig.read(dir));
        Files.writeString(dir.resolve(PluginConfig.FILE_NAME), "daemon.command=java -jar x\n");
        assertThrows(IOException.class, () -> PluginConfig.read(dir));
    }

    @Test
    void errorsAreOneLine() {
        assertEquals("Atelier: a b c", GimpPlugin.oneLine("Atelier: a\n  b\r\nc\n"));
    }
}
