package dev.atelier.inference.daemon;

import dev.atelier.core.client.SocketPaths;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.job.JobQueue;
import dev.atelier.inference.job.ResultStore;
import dev.atelier.inference.workflow.WorkflowLibrary;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Atelier daemon: a Unix domain socket server (no TCP listener) in a private folder, one thread per
 * connection, and the job queue behind it. Only one daemon runs per socket: a lock file held for the daemon's
 * lifetime makes a second one exit with a clear message instead of stealing the socket.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Daemon.class.getName());

    private final DaemonConfig config;
    private final EngineRegistry engines;
    private final JobQueue queue;
    private final WorkflowLibrary workflows;
    private final ServerSocketChannel server;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final long startedAt = System.currentTimeMillis();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService housekeeping;
    private final Thread acceptor;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean closing;

    private Daemon(DaemonConfig config, EngineRegistry engines, JobQueue queue, ServerSocketChannel server,
            FileChannel lockChannel, FileLock lock) {
        this.config = config;
        this.engines = engines;
        this.queue = queue;
        this.workflows = new WorkflowLibrary(config.workflows());
        this.server = server;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "atelier-housekeeping");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "atelier-accept");
    }

    /**
     * Binds the socket and starts serving; returns once clients can connect. Throws BUSY when another daemon
     * already holds this socket.
     */
    public static Daemon start(DaemonConfig config, EngineRegistry engines) throws IOException, AtelierException {
        Path socket = config.socket();
        Path dir = SocketPaths.ensurePrivateDir(socket);
        Path lockFile = dir.resolve(socket.getFileName() + ".lock");
        FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by another daemon in this same process (tests, embedding)
        }
        if (lock == null) {
            String pid = readPid(dir.resolve(socket.getFileName() + ".pid"));
            lockChannel.close();
            throw new AtelierException(ErrorCode.BUSY,
                    "Another Atelier daemon is already running on " + socket + (pid.isEmpty() ? "" : " (pid " + pid + ")"));
        }
        ServerSocketChannel server = null;
        try {
            Files.writeString(dir.resolve(socket.getFileName() + ".pid"), Long.toString(ProcessHandle.current().pid()));
            Files.deleteIfExists(socket); // stale: we hold the lock, so nobody serves it
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket), 64);
            Files.setPosixFilePermissions(socket, SocketPaths.PRIVATE_FILE);
            ResultStore store = new ResultStore(config.stateDir().resolve("results"), config.retention(),
                    Clock.systemUTC());
            JobQueue queue = new JobQueue(engines, store, config.lightThreads());
            Daemon daemon = new Daemon(config, engines, queue, server, lockChannel, lock);
            daemon.begin();
            return daemon;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    private void begin() {
        acceptor.start();
        housekeeping.scheduleWithFixedDelay(this::sweep, 0, 10, TimeUnit.MINUTES);
        if (!config.idleExit().isZero()) {
            housekeeping.scheduleWithFixedDelay(this::exitIfIdle, 1, 1, TimeUnit.SECONDS);
        }
        LOG.info(() -> "Atelier daemon listening on " + config.socket());
    }

    public DaemonConfig config() {
        return config;
    }

    public EngineRegistry engines() {
        return engines;
    }

    public JobQueue queue() {
        return queue;
    }

    /** The workflow files behind the Apps; scanned again on each panel listing and App submit. */
    public WorkflowLibrary workflows() {
        return workflows;
    }

    long uptimeMillis() {
        return System.currentTimeMillis() - startedAt;
    }

    void touch() {
        lastActivity = System.nanoTime();
    }

    /** Blocks until the daemon has stopped (SHUTDOWN message, {@link #close}, or idle exit). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops accepting, closes every connection, cancels jobs and frees the socket, the lock and the engines. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing server", e);
        }
        connections.forEach(Connection::close);
        housekeeping.shutdownNow();
        queue.close();
        engines.close();
        try {
            Files.deleteIfExists(config.socket());
            Files.deleteIfExists(config.socket().resolveSibling(config.socket().getFileName() + ".pid"));
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "releasing socket", e);
        }
        stopped.countDown();
    }

    /** Closes the daemon from a connection thread without waiting on itself. */
    void closeAsync() {
        Thread t = new Thread(this::close, "atelier-shutdown");
        t.start();
    }

    private void acceptLoop() {
        while (!closing) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closing) {
                    LOG.log(Level.WARNING, "accept failed", e);
                }
                continue;
            }
            touch();
            Connection c = new Connection(this, channel);
            if (connections.size() >= config.maxConnections()) {
                c.refuse(ErrorCode.BUSY, "Too many connections (" + config.maxConnections() + "); try again later");
                continue;
            }
            connections.add(c);
            Thread t = new Thread(() -> {
                try {
                    c.serve();
                } finally {
                    connections.remove(c);
                    touch();
                }
            }, "atelier-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void sweep() {
        try {
            queue.store().sweep();
            queue.evictFinished(config.retention());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "result sweep failed", e);
        }
    }

    private void exitIfIdle() {
        boolean busy = !connections.isEmpty() || queue.counts().queued() > 0 || queue.counts().running() > 0;
        if (busy) {
            touch();
        } else if (System.nanoTime() - lastActivity > config.idleExit().toNanos()) {
            LOG.info("idle for " + config.idleExit() + "; stopping");
            closeAsync();
        }
    }

    private static String readPid(Path pidFile) {
        try {
            return new String(Files.readAllBytes(pidFile), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
