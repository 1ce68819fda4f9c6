package dev.atelier.core.host;

import java.nio.file.Path;
import java.util.List;

/** What an install or uninstall did: the files written or removed, and lines worth telling the user. */
public record InstallReport(String host, Path location, List<Path> files, List<String> notes) {

    public InstallReport {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }
}
