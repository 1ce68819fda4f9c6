package dev.atelier.host.blender.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L); // 1980-01-01: reproducible bytes

    private AddonZip() {}

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args.length > 0 ? args[0] : "host-blender-bridge/target/addon");
        Path zip = Path.of(args.length > 1 ? args[1] : "host-blender-bridge/target/" + FILE_NAME);
        write(source, zip);
        System.out.println("wrote " + zip.toAbsolutePath());
    }

    /** The add-on's files under an assembled addon folder (atelier/…), relative, sorted, no caches or settings. */
    static List<Path> files(Path addon) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(addon.resolve(BlenderInstaller.ADDON))) {
            s.filter(Files::isRegularFile).map(addon::relativize).filter(AddonZip::shipped).sorted()
                    .forEach(files::add);
        }
        return files;
    }

    static boolean shipped(Path relative) {
        String p = relative.toString().replace('\\', '/');
        return !p.contains("__pycache__/") && !p.endsWith(".pyc")
                && !p.equals(BlenderInstaller.ADDON + "/" + BlenderInstaller.SETTINGS)
                && !p.equals(BlenderInstaller.ADDON + "/" + BlenderInstaller.MANIFEST);
    }

    /** Writes the zip (atomically: a temp file moved into place). */
    public static void write(Path addon, Path zip) throws IOException {
        BlenderInstaller.checkBuilt(addon);
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(os)) {
            for (Path f : files(addon)) {
                ZipEntry e = new ZipEntry(f.toString().replace('\\', '/'));
                e.setLastModifiedTime(EPOCH);
                out.putNextEntry(e);
                Files.copy(addon.resolve(f), out);
                out.closeEntry();
            }
        }
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
    }
}
