package dev.atelier.core.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The record of an install ({@code installed.txt}): the installer writes its files through the ledger, which
 * remembers each one, then {@link #commit} lists them (relative to the install root, after a header the host
 * chooses, followed by any {@code @mark} lines of its own) in the manifest. {@link #uninstall} removes exactly the
 * files a manifest lists, never one outside the root, then the manifest itself, then the folders left empty.
 */
public final class InstallLedger {

    /** The manifest's usual name. */
    public static final String FILE_NAME = "installed.txt";
    /** Lines that start with this are the host's own marks, not files. */
    public static final String MARK = "@";

    private final Path root;
    private final Path manifest;
    private final List<Path> files = new ArrayList<>();

    /**
     * @param root the install root (a prefix) that every recorded file lies under
     * @param manifest where the manifest goes (usually {@code <plug-in folder>/installed.txt})
     */
    public InstallLedger(Path root, Path manifest) {
        this.root = root;
        this.manifest = manifest;
    }

    public Path root() {
        return root;
    }

    public Path manifest() {
        return manifest;
    }

    /** The files recorded so far, in the order they were written. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    /** Records a file written some other way. */
    public Path record(Path file) {
        files.add(file);
        return file;
    }

    /** Copies {@code source} to {@code target} (replacing it, creating its folder) and records it. */
    public Path copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        return record(target);
    }

    /** Copies the files {@code relative} to {@code sourceBase} to the same places under {@code targetBase}. */
    public List<Path> copyAll(Path sourceBase, List<Path> relative, Path targetBase) throws IOException {
        List<Path> copied = new ArrayList<>();
        for (Path rel : relative) {
            copied.add(copy(sourceBase.resolve(rel.toString()), targetBase.resolve(rel.toString())));
        }
        return copied;
    }

    /** Writes {@code text} (UTF-8) to {@code target} (creating its folder) and records it. */
    public Path write(Path target, String text) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
        return record(target);
    }

    /**
     * Writes the manifest listing the recorded files plus {@code extra} (files about to be written, listed first so
     * that a failure leaves no orphan), without recording the manifest itself.
     */
    public void writeManifest(String header, List<Path> extra, List<String> marks) throws IOException {
        StringBuilder out = new StringBuilder(header);
        List<Path> all = new ArrayList<>(files);
        all.addAll(extra);
        for (Path f : all) {
            out.append(root.relativize(f).toString().replace('\\', '/')).append('\n');
        }
        for (String mark : marks) {
            out.append(mark).append('\n');
        }
        Files.writeString(manifest, out.toString(), StandardCharsets.UTF_8);
    }

    /** Writes the manifest of the recorded files and {@code marks}, then records the manifest; returns every file. */
    public List<Path> commit(String header, List<String> marks) throws IOException {
        writeManifest(header, List.of(), marks);
        record(manifest);
        return files();
    }

    /** What an uninstall removed (the manifest last) and the marks its manifest held, in order. */
    public record Removal(List<Path> removed, List<String> marks) {

        public Removal {
            removed = List.copyOf(removed);
            marks = List.copyOf(marks);
        }
    }

    /**
     * Removes the files the manifest lists (blank and {@code #} lines skipped, entries outside {@code root}
     * ignored), the manifest, and the manifest's folder where the removal left it (or its sub-folders) empty.
     * Empty when there is no manifest (nothing installed).
     */
    public static Optional<Removal> uninstall(Path root, Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        List<Path> removed = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String rel = line.trim();
            if (rel.startsWith(MARK)) {
                marks.add(rel);
                continue;
            }
            if (rel.isEmpty() || rel.startsWith("#")) {
                continue;
            }
            Path file = root.resolve(rel).normalize();
            if (!file.startsWith(root)) {
                continue; // a manifest never points outside the root; ignore one that does
            }
            if (Files.deleteIfExists(file)) {
                removed.add(file);
            }
        }
        Files.deleteIfExists(manifest);
        removed.add(manifest);
        EmptyFolders.prune(manifest.getParent());
        return Optional.of(new Removal(removed, marks));
    }
}
