package dev.atelier.inference.testing;

import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.inference.engine.EngineContractTest;
import dev.atelier.inference.engine.EngineProvider;
import java.util.List;

/** The shared fake obeys the same contract as real engines, so tests built on it mean something. */
class FakeEngineContractTest extends EngineContractTest {

    @Override
    protected EngineProvider provider() {
        FakeEngineProvider p = new FakeEngineProvider();
        p.engine().allowAll();
        return p;
    }

    @Override
    protected boolean registeredAsService() {
        return false; // injected by tests, never discovered
    }

    @Override
    protected List<OperationRequest> supportedRequests() {
        Generation g = new Generation("a cat", "", 3, 7, 1, 1);
        return List.of(new Img2ImgRequest(g, 50), new RetouchRequest(g, 8, 16));
    }
}
