package dev.atelier.inference.engine.esrgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.onnx.OnnxEngine;
import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.ModelStore;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken models in the store: each fails its job with a clear message, the store is left as it was, and the same
 * engine goes on serving the next job.
 */
class EsrganBadModelsTest {

    @TempDir
    Path dir;

    private static final Raster SRC = SeededImages.shapes(3, 40, 30, false);

    private ModelStore storeWith(String id, int scale, byte[] onnx) throws Exception {
        ModelStore store = new ModelStore(dir.resolve("store-" + id));
        Path staged = Files.createDirectories(dir.resolve("staged-" + id));
        Files.write(staged.resolve(EsrganModels.ONNX_FILE), onnx);
        store.install(new ModelManifest(id, "upscale", "onnx", "onnx", List.of(), "MIT", "test",
                new ModelManifest.Input("0..255", "NCHW", scale)), staged);
        return store;
    }

    private static AtelierException upscaleFails(OnnxEngine e, int factor) {
        return assertThrows(AtelierException.class, () -> e.run(new UpscaleRequest(factor, UpscalePreset.PRECISE),
                JobInput.of(SRC), ProgressSink.none(), CancelToken.none()));
    }

    @Test
    void aCorruptModelFileIsAClearEngineFailure() throws Exception {
        ModelStore store = storeWith("esrgan-slim-x2", 2, "not an onnx model".getBytes());
        try (OnnxEngine e = new OnnxEngine(new EngineContext(dir.resolve("cache"), 1), store.root())) {
            AtelierException ex = upscaleFails(e, 2);
            assertEquals(ErrorCode.ENGINE_FAILURE, ex.code());
            assertTrue(ex.getMessage().startsWith("ONNX Runtime cannot load ") && ex.getMessage().contains(
                    "esrgan-slim-x2"), ex.getMessage());
            assertEquals(List.of(), store.verify("esrgan-slim-x2")); // installed consistently, just not a model
        }
    }

    @Test
    void aModelChangedAfterInstallIsReportedAndNeverLoaded() throws Exception {
        ModelStore store = storeWith("esrgan-slim-x2", 2, "not an onnx model".getBytes());
        Files.writeString(store.folder("esrgan-slim-x2").resolve(EsrganModels.ONNX_FILE), "tampered");
        try (OnnxEngine e = new OnnxEngine(new EngineContext(dir.resolve("cache"), 1), store.root())) {
            AtelierException ex = upscaleFails(e, 2);
            assertEquals(ErrorCode.ENGINE_FAILURE, ex.code());
            assertTrue(ex.getMessage().startsWith("Model esrgan-slim-x2 is damaged (model.onnx has changed"),
                    ex.getMessage());
            assertTrue(ex.getMessage().contains("atelier models remove esrgan-slim-x2"), ex.getMessage());
        }
    }

    @Test
    void aModelOfTheWrongScaleIsRefusedAndTheEngineKeepsServing() throws Exception {
        EsrganModels.Installed slim = InstalledEsrgan.slim(DjlRuntime.ONNX_RUNTIME);
        byte[] x2 = Files.readAllBytes(slim.files().get(2));
        ModelStore store = storeWith("esrgan-slim-x4", 4, x2); // the real ×2 network, installed as if ×4
        Path good = Files.createDirectories(dir.resolve("staged-good"));
        Files.write(good.resolve(EsrganModels.ONNX_FILE), x2);
        store.install(new ModelManifest("esrgan-slim-x2", "upscale", "onnx", "onnx", List.of(), "MIT", "test",
                new ModelManifest.Input("0..255", "NCHW", 2)), good);
        try (OnnxEngine e = new OnnxEngine(new EngineContext(dir.resolve("cache"), 1), store.root())) {
            AtelierException ex = upscaleFails(e, 4);
            assertEquals(ErrorCode.ENGINE_FAILURE, ex.code());
            assertTrue(ex.getMessage().contains("do not match its manifest"), ex.getMessage());
            Raster out = e.run(new UpscaleRequest(2, UpscalePreset.PRECISE), JobInput.of(SRC), ProgressSink.none(),
                    CancelToken.none()).image();
            assertEquals(List.of(80, 60), List.of(out.width(), out.height()));
        }
    }
}
