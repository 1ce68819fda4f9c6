package dev.atelier.inference.cli;

import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.error.AtelierException;
import com.google.gson.JsonObject;
import dev.atelier.inference.daemon.BuildStamp;
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
        DaemonClient client = DaemonClient.connect(b.build());
        if (startIfNeeded) {
            client = replaceIfStale(client);
        }
        return client;
    }

    /**
     * A daemon started from an older build (Atelier was upgraded or rebuilt meanwhile) is replaced when it is
     * idle; a busy one is left alone with a warning, so nobody's running job is lost.
     */
    private static DaemonClient replaceIfStale(DaemonClient client) throws AtelierException {
        JsonObject w = client.welcome();
        String build = w.has("build") ? w.get("build").getAsString() : "";
        if (build.equals(BuildStamp.current())) {
            return client;
        }
        JsonObject queue = client.status().getAsJsonObject("queue");
        if (queue.get("queued").getAsInt() + queue.get("running").getAsInt() > 0) {
            System.err.println("atelier: note: the running daemon is from an older build; 'atelier stop' it "
                    + "when its jobs are done");
            return client;
        }
        client.shutdown();
        client.close();
        ProcessHandle.of(w.get("pid").getAsLong()).ifPresent(old -> {
            try {
                old.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS); // it frees the socket as it exits
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // Connecting below reports whatever is still wrong.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return DaemonClient.connect(ClientOptions.builder().optClientName("atelier-cli")
                .optLauncher(SelfLauncher.daemonCommand("--idle-exit", SelfLauncher.AUTO_IDLE_EXIT)).build());
    }
}
