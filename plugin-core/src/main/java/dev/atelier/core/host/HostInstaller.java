package dev.atelier.core.host;

import java.io.IOException;

/**
 * Installs a host adapter (plug-in files, generated scripts, settings) into a user's host application. Found
 * through {@link java.util.ServiceLoader} by {@code atelier install --host NAME}; each host module provides one.
 */
public interface HostInstaller {

    /** Returns the host's id as typed on the command line, e.g. {@code gimp}. */
    String host();

    /** Installs (or reinstalls over a previous install) and reports what was written. */
    InstallReport install(InstallOptions options) throws IOException;

    /** Removes exactly what {@link #install} wrote; a no-op report when nothing is installed. */
    InstallReport uninstall(InstallOptions options) throws IOException;
}
