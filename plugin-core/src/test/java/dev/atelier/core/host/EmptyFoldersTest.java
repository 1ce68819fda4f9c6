package dev.atelier.core.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmptyFoldersTest {

    @Test
    void removesEmptyFoldersBottomUpAndKeepsTheOnesWithFiles(@TempDir Path dir) throws Exception {
        Path top = dir.resolve("top");
        Files.createDirectories(top.resolve("a/b/c"));
        Files.createDirectories(top.resolve("d/__pycache__"));
        Files.writeString(top.resolve("d/__pycache__/m.pyc"), "");
        Files.createDirectories(top.resolve("e"));
        Files.writeString(top.resolve("e/user.txt"), "");
        EmptyFolders.prune(top);
        assertFalse(Files.exists(top.resolve("a")));
        assertFalse(Files.exists(top.resolve("d")));
        assertTrue(Files.exists(top.resolve("e/user.txt")));
        EmptyFolders.prune(dir.resolve("missing")); // nothing to do
        Files.delete(top.resolve("e/user.txt"));
        EmptyFolders.prune(top);
        assertFalse(Files.exists(top));
    }
}
