package dev.atelier.inference.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the shipped {@code examples/workflows/} folder: under {@code atelier.home} (set by bin/atelier), else here. */
final class ExampleWorkflows {

    private ExampleWorkflows() {}

    /** Returns the example workflow file {@code id}.json, if the folder can be found. */
    static Optional<Path> file(String id) {
        String home = System.getProperty("atelier.home");
        for (Path root : new Path[] {home == null ? null : Path.of(home), Path.of("."), Path.of("..")}) {
            if (root != null) {
                Path f = root.resolve("examples").resolve("workflows").resolve(id + ".json");
                if (Files.isRegularFile(f)) {
                    return Optional.of(f.normalize());
                }
            }
        }
        return Optional.empty();
    }
}
