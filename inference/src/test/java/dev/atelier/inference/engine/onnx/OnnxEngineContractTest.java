package dev.atelier.inference.engine.onnx;

import dev.atelier.core.operation.Background;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.Prep3dRequest;
import dev.atelier.core.operation.RemoveBackgroundRequest;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.EngineContractTest;
import dev.atelier.inference.engine.EngineProvider;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.esrgan.InstalledEsrgan;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * The engine contract, run on the installed esrgan-slim and isnet (skipped, or failed under ATELIER_REQUIRE_MODELS,
 * without them).
 */
class OnnxEngineContractTest extends EngineContractTest {

    @BeforeEach
    void needsModel() {
        InstalledEsrgan.slim(DjlRuntime.ONNX_RUNTIME);
        IsnetEngineTest.isnet();
    }

    @Override
    protected EngineProvider provider() {
        return new OnnxEngineProvider();
    }

    @Override
    protected List<OperationRequest> supportedRequests() {
        return List.of(new UpscaleRequest(2, UpscalePreset.PRECISE), new UpscaleRequest(8, UpscalePreset.BALANCED),
                new RemoveBackgroundRequest(Background.WHITE), new Prep3dRequest(256, 10, Background.GREY, false));
    }
}
