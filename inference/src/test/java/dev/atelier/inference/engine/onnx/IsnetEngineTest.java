package dev.atelier.inference.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Background;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.Prep3dRequest;
import dev.atelier.core.operation.RemoveBackgroundRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.esrgan.EsrganModels;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.testkit.Requirements;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real ISNet (installed with {@code atelier models install isnet --accept-licence}) through the ONNX engine.
 * Each run takes a few seconds on two cores, so there are three.
 */
class IsnetEngineTest {

    @TempDir
    Path cache;

    static Path isnet() {
        Optional<Path> m = IsnetModels.find(EsrganModels.defaultRoot());
        Requirements.model(IsnetModels.ID, m.isPresent(), "bin/" + IsnetModels.INSTALL_HINT);
        return m.orElseThrow();
    }

    private OnnxEngine engine() {
        return new OnnxEngine(new EngineContext(cache, 2), EsrganModels.defaultRoot());
    }

    @Test
    void withoutTheModelRemoveBackgroundIsUnsupportedWithTheInstallHint(@TempDir Path empty) {
        try (OnnxEngine e = new OnnxEngine(new EngineContext(cache, 1), empty)) {
            assertEquals(Optional.of("no background-removal model installed (atelier models install isnet"
                    + " --accept-licence)"), e.unsupportedReason(new RemoveBackgroundRequest(Background.WHITE)));
            assertEquals(Optional.of(IsnetJobs.NO_MODEL), e.unsupportedReason(new Prep3dRequest(512, 10,
                    Background.WHITE, false), JobInput.of(CutoutScenes.scene(64, 48, false))));
        }
    }

    @Test
    void cutsTheObjectOutOfPlainAndTexturedBackgrounds() throws Exception {
        isnet();
        try (OnnxEngine e = engine()) {
            for (boolean textured : new boolean[] {false, true}) {
                Raster scene = CutoutScenes.scene(900, 640, textured);
                RemoveBackgroundRequest r = new RemoveBackgroundRequest(Background.TRANSPARENT);
                assertEquals(Optional.empty(), e.unsupportedReason(r, JobInput.of(scene)));
                long t0 = System.nanoTime();
                OperationResult result = e.run(r, JobInput.of(scene), ProgressSink.none(), CancelToken.none());
                double iou = CutoutScenes.iou(result.image());
                System.out.printf("isnet %s background 900x640: IoU %.4f in %d ms%n", textured ? "textured" : "plain",
                        iou, (System.nanoTime() - t0) / 1_000_000);
                assertTrue(iou >= 0.9, (textured ? "textured" : "plain") + ": IoU " + iou);
                assertTrue(result.notices().get(0).startsWith("isnet ran on ONNX Runtime"), result.notices().toString());
            }
        }
    }

    @Test
    void prepFor3dCutsAnOpaqueRenderOutWithIsnetAndLeavesAlphaImagesToTheClassicalEngine() throws Exception {
        isnet();
        try (OnnxEngine e = engine()) {
            Raster render = CutoutScenes.scene(800, 600, false);
            Prep3dRequest r = new Prep3dRequest(512, 10, Background.TRANSPARENT, true);
            assertEquals(Optional.of(IsnetJobs.HAS_ALPHA), e.unsupportedReason(r,
                    JobInput.of(SeededImages.shapes(3, 64, 64, true)))); // a cut-out: classical
            OperationResult result = e.run(r, JobInput.of(render), ProgressSink.none(), CancelToken.none());
            assertEquals(512, result.image().width());
            assertTrue(result.notices().get(0).startsWith("The background was removed by ISNet"),
                    result.notices().toString());
            // the ellipse spans 0.52·800 = 416 px wide and 0.68·600 = 408 px high: the crop finds about that box
            int cw = Integer.parseInt(result.metadata().get("cropWidth"));
            int ch = Integer.parseInt(result.metadata().get("cropHeight"));
            assertTrue(Math.abs(cw - 416) <= 12 && Math.abs(ch - 408) <= 12, cw + "x" + ch);
            assertEquals(0, result.image().get(5, 5, 3)); // transparent corner
            assertEquals(255, result.image().get(256, 256, 3)); // opaque centre
        }
    }
}
