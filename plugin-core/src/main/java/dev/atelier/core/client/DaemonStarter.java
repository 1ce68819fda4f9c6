package dev.atelier.core.client;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to the daemon's socket, starting the daemon first when nothing answers. A lock file beside the
 * socket makes two hosts that start at the same moment end up with one daemon: the second waits for the lock,
 * then finds the first one's daemon answering.
 */
final class DaemonStarter {

    private static final java.util.Map<Path, Object> MONITORS = new java.util.concurrent.ConcurrentHashMap<>();

    private DaemonStarter() {}

    /** Returns a connected channel; starts the daemon with {@code options.launcher()} when needed. */
    static SocketChannel connect(ClientOptions options) throws AtelierException {
        SocketChannel ch = tryConnect(options.socket());
        if (ch != null) {
            return ch;
        }
        if (options.launcher().isEmpty()) {
            throw new AtelierException(ErrorCode.DAEMON_UNAVAILABLE,
                    "No Atelier daemon answers on " + options.socket() + "; start one with 'atelier daemon'");
        }
        // File locks are per process, so threads of one process queue on a monitor first.
        synchronized (MONITORS.computeIfAbsent(options.socket().toAbsolutePath(), p -> new Object())) {
            return startLocked(options);
        }
    }

    @SuppressWarnings("try") // the lock is held for the block's duration, never read
    private static SocketChannel startLocked(ClientOptions options) throws AtelierException {
        try {
            Path dir = SocketPaths.ensurePrivateDir(options.socket());
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(options.socket().getFileName() + ".start"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockChannel.lock()) {
                SocketChannel ch = tryConnect(options.socket()); // someone may have started it while we waited
                if (ch != null) {
                    return ch;
                }
                return launchAndConnect(options, dir);
            }
        } catch (IOException e) {
            throw new AtelierException(ErrorCode.DAEMON_UNAVAILABLE,
                    "Could not start the Atelier daemon: " + e.getMessage(), e);
        }
    }

    private static SocketChannel launchAndConnect(ClientOptions options, Path dir)
            throws IOException, AtelierException {
        Path log = dir.resolve("daemon.log");
        if (Files.exists(log) && Files.size(log) > (1 << 20)) { // keep one old log, never an ever-growing one
            Files.move(log, dir.resolve("daemon.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // own session: a Ctrl+C in the starting terminal must not kill it
        }
        command.addAll(options.launcher());
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("ATELIER_SOCKET", options.socket().toString());
        Process process = pb.start();
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            SocketChannel ch = tryConnect(options.socket());
            if (ch != null) {
                return ch;
            }
            if (!process.isAlive() && process.exitValue() != 0) {
                throw new AtelierException(ErrorCode.DAEMON_UNAVAILABLE, "The Atelier daemon failed to start: "
                        + lastLine(log) + " (log: " + log + ")");
            }
            try {
                Thread.sleep(20); // polling a socket file; nothing to wait on instead
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AtelierException(ErrorCode.DAEMON_UNAVAILABLE, "The Atelier daemon did not answer within "
                + options.startTimeout().toSeconds() + " s (log: " + log + ")");
    }

    static SocketChannel tryConnect(Path socket) {
        if (!Files.exists(socket)) {
            return null;
        }
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return ch;
            } catch (IOException e) {
                ch.close();
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "no output";
    }
}
