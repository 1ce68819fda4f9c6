package dev.atelier.core.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the daemon's socket lives, shared by daemon and clients: {@code $ATELIER_SOCKET}, else
 * {@code $XDG_RUNTIME_DIR/atelier/atelier.sock}, else {@code <tmpdir>/atelier-<user>/atelier.sock}. The folder
 * is private to the user (0700) because whoever can connect can run jobs and read results.
 */
public final class SocketPaths {

    public static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private SocketPaths() {}

    /** Returns the socket path from the process environment. */
    public static Path resolve() {
        return resolve(System.getenv()::get);
    }

    /** Returns the socket path from the given environment lookup (for tests). */
    public static Path resolve(Function<String, String> env) {
        String explicit = env.apply("ATELIER_SOCKET");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String runtime = env.apply("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "atelier", "atelier.sock");
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "atelier-" + user, "atelier.sock");
    }

    /**
     * Creates the socket's folder with mode 0700, or checks an existing one: it must be a real folder (not a
     * link) owned by this user; wider permissions are narrowed to 0700.
     */
    public static Path ensurePrivateDir(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another process made it first; verified below.
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("socket folder " + dir + " is not a plain directory (a link or a file?)");
        }
        String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
        String me = System.getProperty("user.name");
        if (me != null && !owner.equals(me)) {
            throw new IOException("socket folder " + dir + " belongs to '" + owner + "', not '" + me
                    + "'; set ATELIER_SOCKET to a path in a folder of your own");
        }
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE_DIR)) {
            Files.setPosixFilePermissions(dir, PRIVATE_DIR);
        }
        return dir;
    }
}
