package dev.atelier.inference.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.inference.testing.JavaProcess;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Daemons as processes: one per socket, started on demand by racing clients, and replaced after a crash. */
class DaemonProcessTest {

    @TempDir
    Path dir;

    private ClientOptions autoStart() {
        return ClientOptions.builder().setSocket(DaemonFixture.socket(dir))
                .optLauncher(JavaProcess.cli("daemon", "--state-dir", dir.resolve("state").toString(),
                        "--idle-exit", "60s"))
                .optStartTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void aSecondDaemonOnTheSameSocketRefusesToStart() throws Exception {
        try (DaemonFixture first = new DaemonFixture(dir)) {
            DaemonConfig config = DaemonConfig.builder().setSocket(first.socket()).setStateDir(dir.resolve("s2"))
                    .build();
            AtelierException e = assertThrows(AtelierException.class, () -> Daemon.start(config,
                    EngineRegistry.ofProviders(new EngineContext(dir, 1))));
            assertEquals(ErrorCode.BUSY, e.code());
            assertEquals("Another Atelier daemon is already running on " + first.socket() + " (pid "
                    + ProcessHandle.current().pid() + ")", e.getMessage());
            first.client().status(); // the first one is untouched
        }
    }

    @Test
    void aSecondDaemonProcessExitsWithAClearLine() throws Exception {
        try (DaemonFixture first = new DaemonFixture(dir)) {
            JavaProcess.Outcome o = JavaProcess.run(dir, Map.of("ATELIER_SOCKET", first.socket().toString()), 30,
                    "daemon", "--state-dir", dir.resolve("s2").toString());
            assertEquals(1, o.exit());
            assertTrue(o.stderr().strip().startsWith("atelier: Another Atelier daemon is already running on "),
                    o.stderr());
        }
    }

    @Test
    void clientsStartingAtOnceShareOneDaemon() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<DaemonClient> clients = new ArrayList<>();
        try {
            List<Future<DaemonClient>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> DaemonClient.connect(autoStart())));
            }
            Set<Long> pids = new HashSet<>();
            for (Future<DaemonClient> f : futures) {
                DaemonClient c = f.get();
                clients.add(c);
                pids.add(c.welcome().get("pid").getAsLong());
            }
            assertEquals(1, pids.size(), "more than one daemon started: " + pids);
            assertNotEquals(ProcessHandle.current().pid(), pids.iterator().next());
        } finally {
            if (!clients.isEmpty()) {
                clients.get(0).shutdown();
            }
            clients.forEach(DaemonClient::close);
            pool.shutdownNow();
        }
    }

    @Test
    void aKilledDaemonIsReplacedAndTheClientCarriesOn() throws Exception {
        try (DaemonClient client = DaemonClient.connect(autoStart())) {
            long firstPid = client.welcome().get("pid").getAsLong();
            ProcessHandle daemon = ProcessHandle.of(firstPid).orElseThrow();
            daemon.destroyForcibly();
            daemon.onExit().get();
            AtelierException lost = assertThrows(AtelierException.class, client::status);
            assertEquals(ErrorCode.DAEMON_UNAVAILABLE, lost.code());
            client.reconnect();
            long secondPid = client.welcome().get("pid").getAsLong();
            assertNotEquals(firstPid, secondPid);
            assertEquals(64, client.run(Submission.builder().setOperation("upscale")
                    .setImage(SeededImages.gradient(32, 32)).build(), null).image().width());
            client.shutdown();
        }
    }
}
