package dev.atelier.host.krita.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L); // 1980-01-01: reproducible bytes

    private PluginZip() {}

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args.length > 0 ? args[0] : "host-krita/target/pykrita");
        Path zip = Path.of(args.length > 1 ? args[1] : "host-krita/target/" + FILE_NAME);
        write(source, zip);
        System.out.println("wrote " + zip.toAbsolutePath());
    }

    /** The plug-in files under an assembled pykrita folder, relative, sorted, without caches or settings. */
    static List<Path> files(Path pykrita) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(pykrita)) {
            s.filter(Files::isRegularFile).map(pykrita::relativize).filter(PluginZip::shipped).sorted()
                    .forEach(files::add);
        }
        return files;
    }

    static boolean shipped(Path relative) {
        String p = relative.toString().replace('\\', '/');
        return !p.contains("__pycache__/") && !p.endsWith(".pyc")
                && !p.equals("atelier/" + KritaInstaller.SETTINGS) && !p.equals("atelier/" + KritaInstaller.MANIFEST);
    }

    /** Writes the zip (atomically: a temp file moved into place). */
    public static void write(Path pykrita, Path zip) throws IOException {
        KritaInstaller.checkBuilt(pykrita);
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(os)) {
            for (Path f : files(pykrita)) {
                ZipEntry e = new ZipEntry(f.toString().replace('\\', '/'));
                e.setLastModifiedTime(EPOCH);
                out.putNextEntry(e);
                Files.copy(pykrita.resolve(f), out);
                out.closeEntry();
            }
        }
        Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
