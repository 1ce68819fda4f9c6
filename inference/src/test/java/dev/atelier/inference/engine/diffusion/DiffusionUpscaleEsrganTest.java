package dev.atelier.inference.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.diffusion.TinySdModels;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.esrgan.EsrganModels;
import dev.atelier.inference.engine.esrgan.InstalledEsrgan;
import dev.atelier.inference.engine.onnx.OnnxEngine;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refinement on top of a real ESRGAN model (esrgan-slim ×2 from {@code $ATELIER_MODELS}, linked into a store
 * beside the tiny SD model): the first stage is exactly the ONNX engine's Balanced upscale. Skipped without the
 * model (failed under ATELIER_REQUIRE_MODELS).
 */
class DiffusionUpscaleEsrganTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStageIsTheOnnxEnginesUpscaleThenTheTilesRefineIt() throws Exception {
        EsrganModels.Installed slim = InstalledEsrgan.slim(DjlRuntime.ONNX_RUNTIME);
        Path store = TinySdModels.install(dir.resolve("store"), "tiny-sd", false);
        Files.createSymbolicLink(store.resolve("esrgan-slim-x2"), slim.folder(2));
        EngineContext context = new EngineContext(dir.resolve("cache"), 2);
        Raster image = SeededImages.shapes(2, 64, 48, false);
        UpscaleRequest balanced = new UpscaleRequest(2, UpscalePreset.BALANCED);
        try (Engine diffusion = new DiffusionEngineProvider(store).create(context);
                OnnxEngine onnx = new OnnxEngine(context, store)) {
            OperationResult esrgan = onnx.run(balanced, JobInput.of(image), ProgressSink.none(), CancelToken.none());
            OperationResult refined = diffusion.run(balanced, JobInput.of(image), ProgressSink.none(),
                    CancelToken.none());
            assertEquals(esrgan.notices().get(0), refined.notices().get(0), "esrgan-slim ×2 ran on ONNX Runtime");
            assertTrue(refined.notices().get(0).startsWith("esrgan-slim ×2 ran on"), refined.notices().toString());
            assertEquals(128, refined.image().width());
            assertEquals(96, refined.image().height());
            double d = DiffusionUpscaleTest.meanDifference(esrgan.image(), refined.image());
            double c = DiffusionUpscaleTest.correlation(esrgan.image(), refined.image());
            // measured 103.7 levels and 0.138 (the tiny UNet greys and noises; 0.008 where the image is ignored)
            assertTrue(d > 1 && c > 0.05, d + " / " + c);
        }
    }
}
