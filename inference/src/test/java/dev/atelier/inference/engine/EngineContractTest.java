package dev.atelier.inference.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every engine promises. A subclass names its provider and a few requests it supports; the contract
 * checks the descriptor, lazy creation, results, cancellation and closing.
 */
public abstract class EngineContractTest {

    @TempDir
    protected Path cache;

    /** Returns a fresh provider instance. */
    protected abstract EngineProvider provider();

    /** Returns requests the engine runs (at least one per declared operation), with a mask where needed. */
    protected abstract List<OperationRequest> supportedRequests();

    /** Returns true when the provider is listed in this module's META-INF/services. */
    protected boolean registeredAsService() {
        return true;
    }

    private Engine create() throws Exception {
        return provider().create(new EngineContext(cache, 2));
    }

    private static dev.atelier.inference.engine.JobInput input(OperationRequest r) {
        var image = SeededImages.shapes(9, 48, 40, true); // a cut-out, so every operation has an object
        return r.operation().needsMask() ? new JobInput(image, java.util.Optional.of(centre())) : JobInput.of(image);
    }

    /** A selection over the middle of the 48x40 input, leaving pixels around it to work from. */
    private static dev.atelier.core.image.Mask centre() {
        byte[] m = new byte[48 * 40];
        for (int y = 12; y < 28; y++) {
            java.util.Arrays.fill(m, y * 48 + 16, y * 48 + 32, (byte) 255);
        }
        return dev.atelier.core.image.Mask.wrap(48, 40, m);
    }

    @Test
    void descriptorIsCompleteAndNamesRealOperations() {
        EngineDescriptor d = provider().getClass().getAnnotation(EngineDescriptor.class);
        assertNotNull(d, "provider lacks @EngineDescriptor");
        assertFalse(d.id().isBlank());
        assertFalse(d.name().isBlank());
        assertTrue(d.operations().length > 0);
        for (String op : d.operations()) {
            assertTrue(Operation.byId(op).isPresent(), "unknown operation id " + op);
        }
    }

    @Test
    void providerIsFoundThroughServiceLoader() {
        if (!registeredAsService()) {
            return;
        }
        assertTrue(ServiceLoader.load(EngineProvider.class).stream()
                .anyMatch(p -> p.type() == provider().getClass()), "not in META-INF/services");
    }

    @Test
    void everyDeclaredOperationHasASupportedRequest() {
        EngineDescriptor d = provider().getClass().getAnnotation(EngineDescriptor.class);
        for (String op : d.operations()) {
            assertTrue(supportedRequests().stream().anyMatch(r -> r.operation().id().equals(op)),
                    "no supported request given for " + op);
        }
    }

    @Test
    void supportedRequestsRunAndGiveConsistentResults() throws Exception {
        try (Engine engine = create()) {
            for (OperationRequest r : supportedRequests()) {
                assertTrue(engine.unsupportedReason(r).isEmpty(), r + ": " + engine.unsupportedReason(r));
                double[] last = {-1};
                OperationResult result = engine.run(r, input(r), (f, m) -> {
                    assertTrue(f >= 0 && f <= 1, "progress out of range: " + f);
                    last[0] = f;
                }, CancelToken.none());
                assertNotNull(result.image());
                // The patch lies on the result's canvas, whose origin may be left of / above the input's (expand).
                assertTrue(result.x() >= 48 - result.canvasWidth() && result.y() >= 40 - result.canvasHeight(),
                        r.toString());
                assertTrue(result.x() + result.image().width() <= result.canvasWidth(), r.toString());
                assertTrue(result.y() + result.image().height() <= result.canvasHeight(), r.toString());
            }
        }
    }

    @Test
    void aCancelledTokenStopsTheJob() throws Exception {
        try (Engine engine = create()) {
            for (OperationRequest r : supportedRequests()) {
                CancelToken cancelled = new CancelToken();
                cancelled.cancel();
                AtelierException e = assertThrows(AtelierException.class,
                        () -> engine.run(r, input(r), ProgressSink.none(), cancelled), r.toString());
                assertEquals(ErrorCode.CANCELLED, e.code());
            }
        }
    }

    @Test
    void closeIsIdempotent() throws Exception {
        Engine engine = create();
        engine.close();
        engine.close();
    }
}
