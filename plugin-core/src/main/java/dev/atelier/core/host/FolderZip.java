package dev.atelier.core.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes files of a folder as a zip (made in Java because the build's offline plug-in set has no working zip
 * plug-in), with fixed timestamps so the same files give the same bytes.
 */
public final class FolderZip {

    /** 1980-01-01, the zip format's earliest time: reproducible bytes. */
    static final FileTime EPOCH = FileTime.fromMillis(315532800000L);

    private FolderZip() {}

    /**
     * Writes {@code zip} holding the files {@code relative} to {@code base}, under those names, in that order;
     * atomically (a temp file next to it moved into place), creating its folder.
     */
    public static void write(Path base, List<Path> relative, Path zip) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(os)) {
            for (Path f : relative) {
                ZipEntry e = new ZipEntry(FolderTree.slashed(f));
                e.setLastModifiedTime(EPOCH);
                out.putNextEntry(e);
                Files.copy(base.resolve(f.toString()), out);
                out.closeEntry();
            }
        }
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
    }
}
