package dev.atelier.inference.cli;

import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.error.AtelierException;
import java.util.List;

/** Connects the CLI to the daemon, starting one (that exits when idle) if none answers. */
final class ClientFactory {

    private ClientFactory() {}

    static DaemonClient connect(boolean startIfNeeded) throws AtelierException {
        ClientOptions.Builder b = ClientOptions.builder().optClientName("atelier-cli");
        if (startIfNeeded) {
            b.optLauncher(SelfLauncher.daemonCommand("--idle-exit", SelfLauncher.AUTO_IDLE_EXIT));
        } else {
            b.optLauncher(List.of());
        }
        return DaemonClient.connect(b.build());
    }
}
