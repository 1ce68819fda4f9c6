package dev.atelier.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunCommandTest {

    @Test
    void aBatchWritesNumberedFilesNextToTheOutput() {
        assertEquals(Path.of("out/cat.png"), RunCommand.batchOutput(Path.of("out/cat.png"), 0));
        assertEquals(Path.of("out/cat-2.png"), RunCommand.batchOutput(Path.of("out/cat.png"), 1));
        assertEquals(Path.of("out/cat.v1-8.png"), RunCommand.batchOutput(Path.of("out/cat.v1.png"), 7));
        assertEquals(Path.of("cat-3"), RunCommand.batchOutput(Path.of("cat"), 2));
    }
}
