package dev.atelier.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketPathsTest {

    @TempDir
    Path dir;

    @Test
    void explicitSocketWins() {
        Map<String, String> env = Map.of("ATELIER_SOCKET", "/x/a.sock", "XDG_RUNTIME_DIR", dir.toString());
        assertEquals(Path.of("/x/a.sock"), SocketPaths.resolve(env::get));
    }

    @Test
    void runtimeDirIsNextThenTheTempDir() {
        assertEquals(dir.resolve("atelier/atelier.sock"), SocketPaths.resolve(Map.of("XDG_RUNTIME_DIR",
                dir.toString())::get));
        Path fallback = SocketPaths.resolve(Map.of("XDG_RUNTIME_DIR", "/does/not/exist")::get);
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")), fallback.getParent().getParent());
        assertEquals("atelier.sock", fallback.getFileName().toString());
    }

    @Test
    void folderIsCreatedPrivate() throws IOException {
        Path socketDir = SocketPaths.ensurePrivateDir(dir.resolve("new/atelier.sock"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socketDir)));
    }

    @Test
    void anOpenFolderIsNarrowedTo0700() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        SocketPaths.ensurePrivateDir(open.resolve("atelier.sock"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));
    }

    @Test
    void aSymlinkedFolderIsRefused() throws IOException {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        IOException e = assertThrows(IOException.class, () -> SocketPaths.ensurePrivateDir(link.resolve("a.sock")));
        assertEquals("socket folder " + link + " is not a plain directory (a link or a file?)", e.getMessage());
    }
}
