package dev.atelier.core.host;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Finds a program on the PATH, as a shell would. */
public final class ExecutableOnPath {

    private ExecutableOnPath() {}

    /** The first of {@code names} found, folder by folder of the PATH (per folder in the order given). */
    public static Optional<Path> find(String... names) {
        return find(System::getenv, names);
    }

    static Optional<Path> find(Function<String, String> env, String... names) {
        String path = env.apply("PATH");
        for (String d : (path == null ? "" : path).split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            for (String name : names) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
