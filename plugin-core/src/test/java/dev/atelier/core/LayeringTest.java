package dev.atelier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/architecture.md true: plugin-core opens sockets only in {@code client}, and the lower packages do
 * not reach up (image knows nothing of panels, protocols or clients).
 */
class LayeringTest {

    private static final Path SRC = Path.of("src/main/java/dev/atelier/core");

    /** Package → imports it must not use. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "image", List.of("dev.atelier.core.workflow", "dev.atelier.core.panel", "dev.atelier.core.protocol",
                    "dev.atelier.core.client", "dev.atelier.core.operation", "dev.atelier.core.plan", "java.net",
                    "java.nio.channels.SocketChannel"),
            "error", List.of("dev.atelier.core.", "java.net"),
            "operation", List.of("dev.atelier.core.workflow", "dev.atelier.core.panel", "dev.atelier.core.protocol",
                    "dev.atelier.core.client", "dev.atelier.core.plan", "java.net"),
            "plan", List.of("dev.atelier.core.workflow", "dev.atelier.core.panel", "dev.atelier.core.protocol",
                    "dev.atelier.core.client", "java.net", "java.nio.channels"),
            "panel", List.of("dev.atelier.core.workflow", "dev.atelier.core.protocol", "dev.atelier.core.client",
                    "java.net"),
            "protocol", List.of("dev.atelier.core.client", "dev.atelier.core.panel", "java.net",
                    "java.nio.channels"),
            "workflow", List.of("dev.atelier.core.protocol", "dev.atelier.core.client", "java.net",
                    "java.nio.channels"));

    @Test
    void packagesOnlyDependDownwards() throws IOException {
        StringBuilder violations = new StringBuilder();
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            try (Stream<Path> files = Files.walk(SRC.resolve(rule.getKey()))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        if (!line.startsWith("import ")) {
                            continue;
                        }
                        for (String bad : rule.getValue()) {
                            boolean ownError = rule.getKey().equals("error") && line.contains("core.error");
                            if (line.contains(" " + bad) && !ownError) {
                                violations.append(f.getFileName()).append(": ").append(line).append('\n');
                            }
                        }
                    }
                }
            }
        }
        assertEquals("", violations.toString());
    }
}
