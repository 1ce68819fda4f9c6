package dev.atelier.inference.engine.classical;

import dev.atelier.core.operation.AspectRatio;
import dev.atelier.core.operation.Background;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.core.operation.DetectMode;
import dev.atelier.core.operation.Prep3dRequest;
import dev.atelier.core.operation.DetectRequest;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.EngineContractTest;
import dev.atelier.inference.engine.EngineProvider;
import java.util.List;

class ClassicalEngineContractTest extends EngineContractTest {

    @Override
    protected EngineProvider provider() {
        return new ClassicalEngineProvider();
    }

    @Override
    protected List<OperationRequest> supportedRequests() {
        Generation g = new Generation("", "", 25, 7, 3, 1);
        return List.of(new UpscaleRequest(2, UpscalePreset.PRECISE), new UpscaleRequest(4, UpscalePreset.CREATIVE),
                new DetectRequest(DetectMode.CANNY, 100, 200, 1), new DetectRequest(DetectMode.LINEART, 0, 255, 2),
                new Prep3dRequest(256, 10, Background.WHITE, true), new RetouchRequest(g, 4, 8, 6, 8),
                new ExpandRequest(g, 8, 0, 16, 4), new ExpandRequest(g, 0, 0, 0, 0, AspectRatio.WIDE_16_9, 8));
    }
}
