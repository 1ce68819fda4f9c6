package dev.atelier.core.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to install and how the installed adapter reaches Atelier.
 *
 * @param prefix the host's user folder to install into instead of the default (e.g. a throwaway config folder in
 *     tests); empty for the platform default
 * @param daemonCommand the command that runs the Atelier daemon in the foreground, written into the adapter's
 *     settings so the host can start the daemon when none answers
 * @param home the Atelier installation the adapter's files are copied from (the repository root in a checkout)
 */
public record InstallOptions(Optional<Path> prefix, List<String> daemonCommand, Path home) {

    public InstallOptions {
        Objects.requireNonNull(prefix, "prefix");
        daemonCommand = List.copyOf(daemonCommand);
        Objects.requireNonNull(home, "home");
    }
}
