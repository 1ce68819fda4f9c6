package dev.atelier.host.blender.install;

import dev.atelier.core.host.FolderTree;
import dev.atelier.core.host.FolderZip;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code atelier-blender.zip} ({@code atelier/} at its root) for Blender's Preferences ▸ Add-ons ▸ Install
 * (from file). Made in Java because the build's offline plug-in set has no working zip plug-in; {@link
 * BlenderInstaller} refreshes it at every install, and so does the module's test run.
 *
 * <p>{@code java -cp host-blender-bridge/target/atelier-blender.jar dev.atelier.host.blender.install.AddonZip
 * [addon-dir [out.zip]]} (defaults: {@code host-blender-bridge/target/addon}, {@code
 * host-blender-bridge/target/atelier-blender.zip}).
 */
public final class AddonZip {

    public static final String FILE_NAME = "atelier-blender.zip";

    private AddonZip() {}

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args.length > 0 ? args[0] : "host-blender-bridge/target/addon");
        Path zip = Path.of(args.length > 1 ? args[1] : "host-blender-bridge/target/" + FILE_NAME);
        write(source, zip);
        System.out.println("wrote " + zip.toAbsolutePath());
    }

    /** The add-on's files under an assembled addon folder (atelier/…), relative, sorted, no caches or settings. */
    static List<Path> files(Path addon) throws IOException {
        return FolderTree.files(addon, addon.resolve(BlenderInstaller.ADDON), AddonZip::shipped);
    }

    static boolean shipped(String p) {
        return !FolderTree.isPythonCache(p)
                && !p.equals(BlenderInstaller.ADDON + "/" + BlenderInstaller.SETTINGS)
                && !p.equals(BlenderInstaller.ADDON + "/" + BlenderInstaller.MANIFEST);
    }

    /** Writes the zip (atomically: a temp file moved into place). */
    public static void write(Path addon, Path zip) throws IOException {
        BlenderInstaller.checkBuilt(addon);
        FolderZip.write(addon, files(addon), zip);
    }
}
