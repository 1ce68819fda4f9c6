package dev.atelier.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The files of a folder tree, as paths relative to a base folder, for copying or zipping them. */
public final class FolderTree {

    private FolderTree() {}

    /**
     * The regular files under {@code start} (which is {@code base} or a folder in it), relative to {@code base},
     * sorted, and kept by {@code keep} (given the relative path with {@code /} separators).
     */
    public static List<Path> files(Path base, Path start, Predicate<String> keep) throws IOException {
        try (Stream<Path> s = Files.walk(start)) {
            return s.filter(Files::isRegularFile).map(base::relativize)
                    .filter(p -> keep.test(slashed(p))).sorted().toList();
        }
    }

    /** Whether a relative path is Python's byte-code cache ({@code __pycache__/…} or {@code *.pyc}). */
    public static boolean isPythonCache(String relative) {
        return relative.contains("__pycache__/") || relative.endsWith(".pyc");
    }

    /** The path with {@code /} separators, as in a manifest or a zip. */
    public static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
