package dev.atelier.inference.engine.diffusion;

import dev.atelier.core.operation.AspectRatio;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.diffusion.TinySdModels;
import dev.atelier.inference.engine.EngineContractTest;
import dev.atelier.inference.engine.EngineProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The engine contract with a tiny SD model installed in a temporary store. */
class DiffusionEngineContractTest extends EngineContractTest {

    @TempDir
    static Path dir;

    private static Path store;

    @BeforeAll
    static void install() throws Exception {
        store = TinySdModels.install(dir.resolve("store"), "tiny-sd", false);
    }

    @Override
    protected EngineProvider provider() {
        return new DiffusionEngineProvider(store);
    }

    @Override
    protected List<OperationRequest> supportedRequests() {
        Generation g = new Generation("a lower tower", "", 3, 1, 7, 1);
        Generation cfg = new Generation("wider", "lowest", 2, 4, -1, 2);
        return List.of(new Img2ImgRequest(g, 40), new Img2ImgRequest(cfg, 0), new RetouchRequest(g, 4, 8, 6, 8),
                new ExpandRequest(g, 8, 0, 16, 4), new ExpandRequest(cfg, 0, 0, 0, 0, AspectRatio.WIDE_16_9, 8),
                new UpscaleRequest(2, UpscalePreset.BALANCED), new UpscaleRequest(4, UpscalePreset.CREATIVE));
    }
}
