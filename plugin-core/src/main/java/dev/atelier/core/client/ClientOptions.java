package dev.atelier.core.client;

import dev.atelier.core.protocol.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link DaemonClient} finds (and, if needed, starts) the daemon. {@code set*} for required values,
 * {@code opt*} for optional ones.
 *
 * @param launcher the command that runs a daemon in the foreground (e.g. {@code [java, -jar, atelier.jar,
 *     daemon]}); empty means "never start one, fail if none answers"
 */
public record ClientOptions(
        Path socket, List<String> launcher, Duration startTimeout, Duration requestTimeout, String clientName,
        Limits limits) {

    public ClientOptions {
        Objects.requireNonNull(socket, "socket");
        launcher = List.copyOf(launcher);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ClientOptions}; by default the socket comes from {@link SocketPaths#resolve()}. */
    public static final class Builder {
        private Path socket = SocketPaths.resolve();
        private List<String> launcher = List.of();
        private Duration startTimeout = Duration.ofSeconds(20);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private String clientName = "atelier-java";
        private Limits limits = Limits.DEFAULT;

        public Builder setSocket(Path socket) {
            this.socket = socket;
            return this;
        }

        public Builder optLauncher(List<String> command) {
            this.launcher = command;
            return this;
        }

        public Builder optStartTimeout(Duration d) {
            this.startTimeout = d;
            return this;
        }

        /** How long to wait for a reply to a request (not for a job, which may run for minutes). */
        public Builder optRequestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public Builder optClientName(String name) {
            this.clientName = name;
            return this;
        }

        public Builder optLimits(Limits limits) {
            this.limits = limits;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(socket, launcher, startTimeout, requestTimeout, clientName, limits);
        }
    }
}
