package dev.atelier.inference.daemon;

import dev.atelier.core.client.SocketPaths;
import dev.atelier.core.protocol.Limits;
import dev.atelier.inference.engine.memory.MemorySettings;
import dev.atelier.inference.models.ModelStore;
import dev.atelier.inference.workflow.WorkflowFolders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Daemon settings. Build with {@link #builder()}: {@code set*} for required values, {@code opt*} for optional
 * ones.
 *
 * @param maxInputPixels images above this are refused with IMAGE_TOO_LARGE (default 64 MP)
 * @param maxOutputPixels results above this are refused before running (default 16384 x 16384)
 * @param idleExit stop after this long with no connection and no job; zero means never
 * @param models the model store's folder (default {@link ModelStore#current()})
 * @param modelMemory idle unload and cap for loaded models (default {@link MemorySettings#fromEnvironment()}:
 *     {@code ATELIER_MODEL_IDLE}, {@code ATELIER_MODEL_CACHE_MB})
 * @param workflows where Apps are found (default {@link WorkflowFolders#fromEnvironment()}:
 *     {@code ATELIER_USER_WORKFLOWS} or {@code ~/.config/atelier/workflows}, and {@code ATELIER_WORKFLOWS})
 */
public record DaemonConfig(
        Path socket,
        Path stateDir,
        long maxInputPixels,
        long maxOutputPixels,
        Limits limits,
        Duration retention,
        Duration idleExit,
        int lightThreads,
        int maxConnections,
        Path models,
        MemorySettings modelMemory,
        WorkflowFolders workflows) {

    public static final long DEFAULT_MAX_INPUT_PIXELS = 64L << 20;
    public static final long DEFAULT_MAX_OUTPUT_PIXELS = 16384L * 16384L;

    public DaemonConfig {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(modelMemory, "modelMemory");
        Objects.requireNonNull(workflows, "workflows");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns the state folder from the environment: {@code $ATELIER_STATE_DIR}, XDG state, or ~/.local/state. */
    public static Path defaultStateDir() {
        String explicit = System.getenv("ATELIER_STATE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "atelier");
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "atelier");
    }

    /** Builds a {@link DaemonConfig}. */
    public static final class Builder {
        private Path socket = SocketPaths.resolve();
        private Path stateDir = defaultStateDir();
        private long maxInputPixels = DEFAULT_MAX_INPUT_PIXELS;
        private long maxOutputPixels = DEFAULT_MAX_OUTPUT_PIXELS;
        private Limits limits = Limits.DEFAULT;
        private Duration retention = Duration.ofHours(24);
        private Duration idleExit = Duration.ZERO;
        private int lightThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int maxConnections = 64;
        private Path models;
        private MemorySettings modelMemory;
        private WorkflowFolders workflows;

        public Builder setSocket(Path socket) {
            this.socket = socket;
            return this;
        }

        public Builder setStateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder optMaxInputPixels(long n) {
            this.maxInputPixels = n;
            return this;
        }

        public Builder optMaxOutputPixels(long n) {
            this.maxOutputPixels = n;
            return this;
        }

        public Builder optLimits(Limits limits) {
            this.limits = limits;
            return this;
        }

        public Builder optRetention(Duration retention) {
            this.retention = retention;
            return this;
        }

        public Builder optIdleExit(Duration idleExit) {
            this.idleExit = idleExit;
            return this;
        }

        public Builder optLightThreads(int n) {
            this.lightThreads = n;
            return this;
        }

        public Builder optMaxConnections(int n) {
            this.maxConnections = n;
            return this;
        }

        public Builder optModels(Path models) {
            this.models = models;
            return this;
        }

        public Builder optModelMemory(MemorySettings settings) {
            this.modelMemory = settings;
            return this;
        }

        public Builder optWorkflows(WorkflowFolders folders) {
            this.workflows = folders;
            return this;
        }

        public DaemonConfig build() {
            return new DaemonConfig(socket, stateDir, maxInputPixels, maxOutputPixels, limits, retention, idleExit,
                    lightThreads, maxConnections, models != null ? models : ModelStore.current().root(),
                    modelMemory != null ? modelMemory : MemorySettings.fromEnvironment(),
                    workflows != null ? workflows : WorkflowFolders.fromEnvironment());
        }
    }
}
