package dev.atelier.core.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removes the folders an uninstall left empty. */
public final class EmptyFolders {

    private EmptyFolders() {}

    /**
     * Removes {@code dir} and its sub-folders bottom-up where they are empty; a folder holding anything else (a
     * user's own file) stays, and so do its parents. Python's byte-code caches ({@code __pycache__/*.pyc}, which a
     * host writes next to installed modules) count as the installer's and are removed with their folder.
     */
    public static void prune(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isDirectory).forEach(dirs::add);
        }
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path d : dirs) {
            if (d.getFileName().toString().equals("__pycache__")) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.pyc")) {
                    for (Path f : s) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                if (s.iterator().hasNext()) {
                    continue;
                }
            }
            Files.delete(d);
        }
    }
}
