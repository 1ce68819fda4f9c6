package dev.atelier.core.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderZipTest {

    @Test
    void writesTheFilesUnderTheirRelativeNamesReproducibly(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("base");
        Files.createDirectories(base.resolve("pkg"));
        Files.writeString(base.resolve("top.desktop"), "d");
        Files.writeString(base.resolve("pkg/m.py"), "m");
        List<Path> files = List.of(Path.of("pkg/m.py"), Path.of("top.desktop"));
        Path zip = dir.resolve("out/a.zip");
        FolderZip.write(base, files, zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(List.of("pkg/m.py", "top.desktop"), z.stream().map(ZipEntry::getName).toList());
            assertEquals("m", new String(z.getInputStream(z.getEntry("pkg/m.py")).readAllBytes()));
            assertEquals(FolderZip.EPOCH.toMillis(), z.getEntry("top.desktop").getLastModifiedTime().toMillis());
        }
        byte[] first = Files.readAllBytes(zip);
        FolderZip.write(base, files, zip);
        assertArrayEquals(first, Files.readAllBytes(zip));
        assertFalse(Files.exists(dir.resolve("out/a.zip.tmp")));
    }
}
