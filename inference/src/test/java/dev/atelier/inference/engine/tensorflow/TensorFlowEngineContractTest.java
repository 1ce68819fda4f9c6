package dev.atelier.inference.engine.tensorflow;

import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.EngineContractTest;
import dev.atelier.inference.engine.EngineProvider;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.esrgan.InstalledEsrgan;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The engine contract, run on the installed esrgan-slim SavedModels (skipped, or failed under ATELIER_REQUIRE_MODELS, without it). */
class TensorFlowEngineContractTest extends EngineContractTest {

    @BeforeEach
    void needsModel() {
        InstalledEsrgan.slim(DjlRuntime.TENSORFLOW);
    }

    @Override
    protected EngineProvider provider() {
        return new TensorFlowEngineProvider();
    }

    @Override
    protected List<OperationRequest> supportedRequests() {
        return List.of(new UpscaleRequest(2, UpscalePreset.PRECISE), new UpscaleRequest(8, UpscalePreset.BALANCED));
    }
}
