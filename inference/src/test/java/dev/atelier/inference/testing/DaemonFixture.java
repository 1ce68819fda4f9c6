package dev.atelier.inference.testing;

import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.error.AtelierException;
import dev.atelier.inference.daemon.Daemon;
import dev.atelier.inference.daemon.DaemonConfig;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineProvider;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.engine.classical.ClassicalEngineProvider;
import dev.atelier.inference.workflow.WorkflowFolders;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real daemon on a real Unix socket in a temporary folder, with the classical engine and a {@link FakeEngine},
 * plus clients connected to it; no workflow folder but an empty {@code user-workflows} in the temporary folder
 * (tests name their own with {@code optWorkflows}). Close it in {@code @AfterEach}.
 */
public final class DaemonFixture implements AutoCloseable {

    private final Path dir;
    private final FakeEngineProvider fake = new FakeEngineProvider();
    private final Daemon daemon;
    private final List<DaemonClient> clients = new ArrayList<>();

    public DaemonFixture(Path dir) throws IOException, AtelierException {
        this(dir, b -> b);
    }

    public DaemonFixture(Path dir, UnaryOperator<DaemonConfig.Builder> config) throws IOException, AtelierException {
        this(dir, config, true);
    }

    /** A daemon with the classical engine only, as on a machine with no models: Retouch runs the fill. */
    public static DaemonFixture classicalOnly(Path dir) throws IOException, AtelierException {
        return new DaemonFixture(dir, b -> b, false);
    }

    /**
     * A daemon with the classical engine and {@code providers} (e.g. a diffusion engine on a test store), so
     * routing and fallbacks between real engines can be tested through the socket.
     */
    public static DaemonFixture withProviders(Path dir, EngineProvider... providers)
            throws IOException, AtelierException {
        return new DaemonFixture(dir, b -> b, false, providers);
    }

    private DaemonFixture(Path dir, UnaryOperator<DaemonConfig.Builder> config, boolean withFake,
            EngineProvider... extra) throws IOException, AtelierException {
        this.dir = dir;
        EngineContext context = new EngineContext(dir.resolve("cache"), 2);
        List<EngineProvider> providers = new ArrayList<>(List.of(new ClassicalEngineProvider()));
        if (withFake) {
            providers.add(fake);
        }
        providers.addAll(List.of(extra));
        EngineRegistry engines = EngineRegistry.ofProviders(context, providers.toArray(EngineProvider[]::new));
        this.daemon = Daemon.start(config.apply(DaemonConfig.builder()
                .setSocket(socket(dir))
                .setStateDir(dir.resolve("state"))
                .optLightThreads(2)
                .optWorkflows(new WorkflowFolders(dir.resolve("user-workflows"), List.of()))).build(), engines);
    }

    public static Path socket(Path dir) {
        return dir.resolve("run").resolve("atelier.sock");
    }

    public Path socket() {
        return socket(dir);
    }

    public Daemon daemon() {
        return daemon;
    }

    public FakeEngine fake() {
        return fake.engine();
    }

    /** Connects a new client (never starts a daemon of its own). */
    public DaemonClient client() throws AtelierException {
        DaemonClient c = DaemonClient.connect(ClientOptions.builder().setSocket(socket())
                .optRequestTimeout(Duration.ofSeconds(20)).optClientName("test").build());
        synchronized (clients) {
            clients.add(c);
        }
        return c;
    }

    @Override
    public void close() {
        fake().allowAll();
        synchronized (clients) {
            clients.forEach(DaemonClient::close);
        }
        daemon.close();
    }
}
