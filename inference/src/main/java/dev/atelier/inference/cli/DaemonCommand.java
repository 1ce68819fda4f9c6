package dev.atelier.inference.cli;

import dev.atelier.core.error.AtelierException;
import dev.atelier.inference.daemon.Daemon;
import dev.atelier.inference.daemon.DaemonConfig;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.engine.memory.MemorySettings;
import dev.atelier.inference.engine.memory.ModelMemory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code atelier daemon}: runs the daemon in the foreground until stopped. */
final class DaemonCommand {

    private DaemonCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException, AtelierException {
        Args args = Args.parse(argv, Set.of("socket", "idle-exit", "max-pixels", "state-dir"), Set.of());
        DaemonConfig.Builder b = DaemonConfig.builder();
        args.option("socket").map(Path::of).ifPresent(b::setSocket);
        args.option("state-dir").map(Path::of).ifPresent(b::setStateDir);
        if (args.option("idle-exit").isPresent()) {
            b.optIdleExit(parseDuration(args.option("idle-exit").get()));
        }
        if (args.option("max-pixels").isPresent()) {
            try {
                b.optMaxInputPixels(Long.parseLong(args.option("max-pixels").get()));
            } catch (NumberFormatException e) {
                throw new UsageException("--max-pixels must be a whole number");
            }
        }
        DaemonConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage()); // a bad ATELIER_MODEL_IDLE / ATELIER_MODEL_CACHE_MB
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        // one budget for every engine's loaded models, so the cap bounds them together
        ModelMemory memory = ModelMemory.started(config.modelMemory());
        EngineRegistry engines = EngineRegistry.discover(DaemonCommand.class.getClassLoader(),
                new EngineContext(EngineContext.defaultCacheDir(), threads, memory));
        try (memory; Daemon daemon = Daemon.start(config, engines)) {
            Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "atelier-signal"));
            err.println("atelier daemon ready on " + config.socket() + " (pid " + ProcessHandle.current().pid() + ")");
            daemon.awaitStop();
        } catch (java.io.IOException e) {
            throw new AtelierException(dev.atelier.core.error.ErrorCode.INTERNAL,
                    "Could not start the daemon on " + config.socket() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Parses {@code 90s}, {@code 30m}, {@code 2h} or plain seconds, as the model idle time is parsed. */
    static Duration parseDuration(String s) throws UsageException {
        try {
            return MemorySettings.parseDuration(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad duration '" + s + "' (use e.g. 90s, 30m, 2h)");
        }
    }
}
