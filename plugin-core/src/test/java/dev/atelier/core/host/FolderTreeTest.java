package dev.atelier.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderTreeTest {

    @Test
    void listsRegularFilesRelativeToTheBaseSortedAndFiltered(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("pkg/sub/__pycache__"));
        Files.writeString(dir.resolve("pkg/z.py"), "");
        Files.writeString(dir.resolve("pkg/a.py"), "");
        Files.writeString(dir.resolve("pkg/sub/b.py"), "");
        Files.writeString(dir.resolve("pkg/sub/__pycache__/b.pyc"), "");
        Files.writeString(dir.resolve("pkg/settings.json"), "");
        Files.writeString(dir.resolve("outside.txt"), "");
        List<Path> files = FolderTree.files(dir, dir.resolve("pkg"),
                p -> !FolderTree.isPythonCache(p) && !p.equals("pkg/settings.json"));
        assertEquals(List.of(Path.of("pkg/a.py"), Path.of("pkg/sub/b.py"), Path.of("pkg/z.py")), files);
    }

    @Test
    void pythonCaches() {
        assertTrue(FolderTree.isPythonCache("a/__pycache__/x.cpython-311.pyc"));
        assertTrue(FolderTree.isPythonCache("a/x.pyc"));
        assertFalse(FolderTree.isPythonCache("a/x.py"));
    }
}
