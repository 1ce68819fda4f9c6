package dev.atelier.host.krita.install;

import dev.atelier.core.host.FolderTree;
import dev.atelier.core.host.FolderZip;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code atelier-krita.zip} (atelier.desktop and atelier/ at its root) for Krita's Tools ▸ Scripts ▸
 * Import Python Plugin from File. Made in Java because the build's offline plug-in set has no working zip
 * plug-in; {@link KritaInstaller} refreshes it at every install, and so does the module's test run.
 *
 * <p>{@code java -cp host-krita/target/atelier-krita.jar dev.atelier.host.krita.install.PluginZip [pykrita-dir
 * [out.zip]]} (defaults: {@code host-krita/target/pykrita}, {@code host-krita/target/atelier-krita.zip}).
 */
public final class PluginZip {

    public static final String FILE_NAME = "atelier-krita.zip";

    private PluginZip() {}

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args.length > 0 ? args[0] : "host-krita/target/pykrita");
        Path zip = Path.of(args.length > 1 ? args[1] : "host-krita/target/" + FILE_NAME);
        write(source, zip);
        System.out.println("wrote " + zip.toAbsolutePath());
    }

    /** The plug-in files under an assembled pykrita folder, relative, sorted, without caches or settings. */
    static List<Path> files(Path pykrita) throws IOException {
        return FolderTree.files(pykrita, pykrita, PluginZip::shipped);
    }

    static boolean shipped(String p) {
        return !FolderTree.isPythonCache(p)
                && !p.equals("atelier/" + KritaInstaller.SETTINGS) && !p.equals("atelier/" + KritaInstaller.MANIFEST);
    }

    /** Writes the zip (atomically: a temp file moved into place). */
    public static void write(Path pykrita, Path zip) throws IOException {
        KritaInstaller.checkBuilt(pykrita);
        FolderZip.write(pykrita, files(pykrita), zip);
    }
}
