package dev.atelier.inference.models;

import dev.atelier.core.host.UserFolders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Installed models: a folder per model under one root, each with a {@link ModelManifest}. The root may be a
 * shared, read-only folder (a studio's network drive): listing and verifying work there, installing and removing
 * say the store is read-only. A store is read-only when its file system refuses writes or when its root holds a
 * {@value #READ_ONLY_MARKER} file.
 *
 * <p>Installs are atomic: files are copied into a hidden temp folder beside the models ({@code .installing-…}),
 * hashed, checked against the expected checksums, given their manifest, and only then renamed into place. A
 * half-written model is never listed; leftovers of a crashed install are ignored and cleaned.
 */
public final class ModelStore {

    /** A file in the store's root that marks it read-only for everyone. */
    public static final String READ_ONLY_MARKER = ".atelier-read-only";
    /** The system property holding a configured store folder (e.g. in {@code ATELIER_JAVA_OPTS}). */
    public static final String CONFIG_PROPERTY = "atelier.models";

    static final String TEMP_PREFIX = ".installing-";
    static final String REMOVING_PREFIX = ".removing-";

    private final Path root;
    private final StageHook hook;

    /** Called between install steps; tests use it to fail an install midway. */
    @FunctionalInterface
    interface StageHook {
        void reached(String stage, Path folder) throws IOException;
    }

    public ModelStore(Path root) {
        this(root, (stage, folder) -> { });
    }

    ModelStore(Path root, StageHook hook) {
        this.root = root.toAbsolutePath().normalize();
        this.hook = hook;
    }

    /**
     * The store folder: {@code $ATELIER_MODELS}, else the configured value ({@code -Datelier.models=DIR}), else
     * the user's data folder ({@code $XDG_DATA_HOME/atelier/models}, {@code ~/.local/share/atelier/models}).
     */
    public static Path defaultRoot(Function<String, String> env, Optional<String> configured, UserFolders folders) {
        String explicit = env.apply("ATELIER_MODELS");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        if (configured.isPresent() && !configured.get().isBlank()) {
            return Path.of(configured.get());
        }
        return folders.dataFolder().resolve("atelier").resolve("models");
    }

    /** The store of this process's environment and configuration. */
    public static ModelStore current() {
        return new ModelStore(defaultRoot(System::getenv, Optional.ofNullable(System.getProperty(CONFIG_PROPERTY)),
                UserFolders.current()));
    }

    public Path root() {
        return root;
    }

    /** The folder of model {@code id} (whether or not it is installed). */
    public Path folder(String id) {
        return root.resolve(id);
    }

    /** Whether this store is marked read-only or its root cannot be written. */
    public boolean readOnly() {
        if (Files.exists(root.resolve(READ_ONLY_MARKER))) {
            return true;
        }
        return Files.isDirectory(root) && !Files.isWritable(root);
    }

    /**
     * One installed model as found on disk: its manifest, or why it could not be read.
     *
     * @param manifest empty when {@code error} says why the manifest is unreadable or invalid
     */
    public record Installed(String id, Path folder, Optional<ModelManifest> manifest, Optional<String> error) {}

    /** Every installed model, sorted by id; temp folders are skipped (and cleaned when the store is writable). */
    public List<Installed> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        cleanLeftovers();
        List<Installed> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                out.add(read(name, dir));
            }
        }
        return out;
    }

    /** The installed model {@code id}, or empty when there is no such folder. */
    public Optional<Installed> find(String id) {
        Path dir = folder(id);
        if (!ModelManifest.validId(id) || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return Optional.of(read(id, dir));
    }

    /**
     * A cheap health check for listings: the manifest is valid and every file is present with its size (checksums
     * are {@link #verify}'s job). Returns the first problem, or empty when the model looks intact.
     */
    public static Optional<String> quickCheck(Installed m) {
        if (m.manifest().isEmpty()) {
            return m.error();
        }
        for (ModelManifest.FileEntry f : m.manifest().get().files()) {
            Path file = m.folder().resolve(f.path());
            try {
                if (!Files.isRegularFile(file)) {
                    return Optional.of(f.path() + " is missing");
                }
                if (Files.size(file) != f.size()) {
                    return Optional.of(f.path() + " has changed (size)");
                }
            } catch (IOException e) {
                return Optional.of(f.path() + " cannot be read: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The valid installed manifests for {@code task}, for engines looking a model up. */
    public List<ModelManifest> forTask(String task) throws IOException {
        return list().stream().flatMap(i -> i.manifest().stream()).filter(m -> m.task().equals(task)).toList();
    }

    private static Installed read(String id, Path dir) {
        Path file = dir.resolve(ModelManifest.FILE_NAME);
        try {
            ModelManifest m = ModelManifest.fromJson(Files.readString(file), id + "/" + ModelManifest.FILE_NAME);
            m.validate();
            if (!id.equals(m.id())) {
                return new Installed(id, dir, Optional.empty(), Optional.of("manifest id '" + m.id()
                        + "' does not match its folder '" + id + "'"));
            }
            return new Installed(id, dir, Optional.of(m), Optional.empty());
        } catch (NoSuchFileException e) {
            return new Installed(id, dir, Optional.empty(), Optional.of("no " + ModelManifest.FILE_NAME));
        } catch (IOException e) {
            return new Installed(id, dir, Optional.empty(), Optional.of("cannot read " + ModelManifest.FILE_NAME
                    + ": " + e.getMessage()));
        } catch (ModelException e) {
            return new Installed(id, dir, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /**
     * Checks model {@code id}: a valid manifest, and every listed file present with its size and sha256. Returns
     * the problems found, empty when the model is intact.
     */
    public List<String> verify(String id) throws ModelException, IOException {
        Installed m = find(id).orElseThrow(() -> notInstalled(id));
        if (m.manifest().isEmpty()) {
            return List.of(m.error().orElseThrow());
        }
        List<String> problems = new ArrayList<>();
        for (ModelManifest.FileEntry f : m.manifest().get().files()) {
            Path file = m.folder().resolve(f.path());
            if (!Files.isRegularFile(file)) {
                problems.add(f.path() + " is missing");
                continue;
            }
            long size = Files.size(file);
            if (size != f.size()) {
                problems.add(f.path() + " has changed (" + size + " bytes, expected " + f.size() + ")");
                continue;
            }
            String sha = sha256(file);
            if (!sha.equals(f.sha256())) {
                problems.add(f.path() + " has changed (sha256 " + sha.substring(0, 12) + "…, expected "
                        + f.sha256().substring(0, 12) + "…)");
            }
        }
        return problems;
    }

    /**
     * Installs a model atomically from {@code source} (a file, or a folder whose regular files are all taken,
     * keeping their relative paths). The files are hashed as they are copied; when {@code draft} already lists
     * files, each must be present with that size and sha256. Returns the installed manifest.
     */
    public ModelManifest install(ModelManifest draft, Path from) throws ModelException, IOException {
        Path source = from.toAbsolutePath().normalize();
        List<Path> files = sourceFiles(source);
        ModelManifest probe = draft.withFiles(List.of(new ModelManifest.FileEntry("probe", "0".repeat(64), 0)));
        probe.validate();
        requireWritable("install " + draft.id());
        if (Files.exists(folder(draft.id()))) {
            throw new ModelException("model '" + draft.id() + "' is already installed (remove it first)");
        }
        Path temp = createTemp(TEMP_PREFIX + draft.id() + "-");
        boolean done = false;
        try {
            Path base = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
            List<ModelManifest.FileEntry> entries = new ArrayList<>();
            for (Path f : files) {
                String rel = base.relativize(f).toString().replace('\\', '/');
                if (rel.equals(ModelManifest.FILE_NAME)) {
                    continue;
                }
                Path target = temp.resolve(rel);
                Files.createDirectories(target.getParent());
                entries.add(copyHashing(f, target, rel));
                hook.reached("copied " + rel, temp);
            }
            checkExpected(draft, entries);
            ModelManifest manifest = draft.withFiles(entries);
            manifest.validate();
            Files.writeString(temp.resolve(ModelManifest.FILE_NAME), manifest.toJson());
            hook.reached("manifest", temp);
            try {
                Files.move(temp, folder(draft.id()), StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                throw new ModelException("model '" + draft.id() + "' was installed by someone else meanwhile");
            }
            done = true;
            return manifest;
        } finally {
            if (!done) {
                deleteTree(temp);
            }
        }
    }

    /** Removes model {@code id}: renamed out of sight first, so it disappears at once, then deleted. */
    public void remove(String id) throws ModelException, IOException {
        if (find(id).isEmpty()) {
            throw notInstalled(id);
        }
        requireWritable("remove " + id);
        Path gone = root.resolve(REMOVING_PREFIX + id + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.move(folder(id), gone, StandardCopyOption.ATOMIC_MOVE);
        } catch (AccessDeniedException e) {
            throw readOnlyError("remove " + id);
        }
        deleteTree(gone);
    }

    /** Deletes temp folders left by installs and removals whose process is gone. Read-only stores are left alone. */
    void cleanLeftovers() {
        if (readOnly()) {
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path dir : s.toList()) {
                String name = dir.getFileName().toString();
                if ((name.startsWith(TEMP_PREFIX) || name.startsWith(REMOVING_PREFIX)) && !ownerAlive(name)) {
                    deleteTree(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning is best effort: a leftover is invisible anyway
        }
    }

    /** Temp names end in {@code -PID-NONCE}; the folder is a leftover when that process no longer runs. */
    private static boolean ownerAlive(String name) {
        String[] parts = name.split("-");
        if (parts.length < 3) {
            return false;
        }
        try {
            long pid = Long.parseLong(parts[parts.length - 2]);
            return pid == ProcessHandle.current().pid()
                    || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Creates a hidden temp folder in the store (same file system, so the final rename is atomic). */
    private Path createTemp(String prefix) throws ModelException, IOException {
        try {
            Files.createDirectories(root);
            cleanLeftovers();
            Path temp = root.resolve(prefix + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()));
            return Files.createDirectory(temp);
        } catch (AccessDeniedException e) {
            throw readOnlyError("install");
        } catch (FileSystemException e) {
            if (String.valueOf(e.getReason()).toLowerCase().contains("read-only")) {
                throw readOnlyError("install");
            }
            throw e;
        }
    }

    private void requireWritable(String what) throws ModelException {
        if (readOnly()) {
            throw readOnlyError(what);
        }
    }

    private ModelException readOnlyError(String what) {
        return new ModelException("cannot " + what + ": the model store " + root + " is read-only (shared); set"
                + " ATELIER_MODELS to a writable folder to manage your own models");
    }

    private ModelException notInstalled(String id) {
        return new ModelException("model '" + id + "' is not installed in " + root + " (see 'atelier models list')");
    }

    private static void checkExpected(ModelManifest draft, List<ModelManifest.FileEntry> got) throws ModelException {
        for (ModelManifest.FileEntry want : draft.files()) {
            Optional<ModelManifest.FileEntry> have = got.stream().filter(g -> g.path().equals(want.path())).findFirst();
            if (have.isEmpty()) {
                throw new ModelException("cannot install " + draft.id() + ": " + want.path() + " is missing");
            }
            if (have.get().size() != want.size() || !have.get().sha256().equals(want.sha256())) {
                throw new ModelException("cannot install " + draft.id() + ": " + want.path()
                        + " does not match its checksum (corrupt or incomplete download?)");
            }
        }
    }

    private static List<Path> sourceFiles(Path source) throws ModelException, IOException {
        if (Files.isRegularFile(source)) {
            return List.of(source);
        }
        if (!Files.isDirectory(source)) {
            throw new ModelException(source + " does not exist");
        }
        try (Stream<Path> s = Files.walk(source)) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            if (files.isEmpty()) {
                throw new ModelException(source + " holds no files");
            }
            return files;
        }
    }

    private static ModelManifest.FileEntry copyHashing(Path from, Path to, String rel) throws IOException {
        MessageDigest md = sha256Digest();
        long size;
        try (InputStream in = Files.newInputStream(from);
                OutputStream out = new DigestOutputStream(Files.newOutputStream(to), md)) {
            size = in.transferTo(out);
        }
        return new ModelManifest.FileEntry(rel, HexFormat.of().formatHex(md.digest()), size);
    }

    /** The sha256 of {@code file} as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = sha256Digest();
        try (InputStream in = Files.newInputStream(file);
                OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort; a later list() retries
        }
    }
}
