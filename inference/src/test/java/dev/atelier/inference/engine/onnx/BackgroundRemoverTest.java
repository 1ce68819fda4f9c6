package dev.atelier.inference.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Background;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.Bilinear;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Background removal around a fake mask model: geometry, normalisation, edge refinement and the output modes. */
class BackgroundRemoverTest {

    private static final int S = BackgroundRemover.SIDE;

    /** A model whose mask is 1 where {@code x < S/2} (the left half of whatever image it is given). */
    private static final BackgroundRemover.MaskModel LEFT_HALF = nchw -> {
        float[] m = new float[S * S];
        for (int i = 0; i < m.length; i++) {
            m[i] = i % S < S / 2 ? 1 : 0;
        }
        return m;
    };

    @Test
    void theInputIsTheImageStretchedTo1024SquaredNormalisedAsIsnetWantsInNchwOrder() {
        float[] in = BackgroundRemover.input(Raster.filled(300, 200, 0xff8000ff));
        assertEquals(3 * S * S, in.length);
        assertEquals(127 / 256f, in[0], 1e-6); // R plane
        assertEquals(0, in[S * S + 5000], 1e-6); // G = 128
        assertEquals(-0.5f, in[2 * S * S + S * S - 1], 1e-6); // B = 0, last pixel
    }

    @Test
    void theMaskComesBackAtTheSourceSizeWhateverItsAspect() throws Exception {
        Raster src = Raster.filled(1500, 400, 0x336699ff);
        Raster out = BackgroundRemover.remove(src, Background.TRANSPARENT, LEFT_HALF, ProgressSink.none(),
                CancelToken.none());
        assertEquals(1500, out.width());
        assertEquals(400, out.height());
        assertEquals(255, out.get(10, 200, 3));
        assertEquals(255, out.get(700, 399, 3));
        assertEquals(0, out.get(800, 0, 3));
        assertEquals(0, out.get(1499, 200, 3));
        assertEquals(0x336699, out.rgba(1499, 200) >>> 8); // transparent keeps the colours
    }

    @Test
    void maskOnlyIsAnOpaqueGreyImageWhiteOnTheSubject() throws Exception {
        Raster src = Raster.filled(600, 300, 0x336699ff);
        Raster mask = BackgroundRemover.maskImage(src, LEFT_HALF, ProgressSink.none(), CancelToken.none());
        assertEquals(600, mask.width());
        assertEquals(0xffffffff, mask.rgba(10, 150));
        assertEquals(0x000000ff, mask.rgba(590, 150));
        assertEquals(255, mask.get(300, 10, 3)); // opaque everywhere, the edge included
    }

    @Test
    void refinementMovesACoarseEdgeOntoTheObjectsRealEdge() throws Exception {
        int w = 2000;
        int h = 1500;
        Raster src = CutoutScenes.scene(w, h, false);
        // A coarse mask: the object's ellipse 1 % too large (3 model pixels) and soft over about 6 — a model that
        // knows the object but not its exact outline.
        float[] coarse = new float[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                double nx = ((x + 0.5) / S - 0.52) / (0.26 * 1.01);
                double ny = ((y + 0.5) / S - 0.5) / (0.34 * 1.01);
                coarse[y * S + x] = (float) Math.max(0, Math.min(1, (1 - Math.hypot(nx, ny)) * 40 + 0.5));
            }
        }
        float[] naive = Bilinear.resize(coarse, S, S, w, h);
        float[] refined = BackgroundRemover.alpha(src, nchw -> coarse, ProgressSink.none(), CancelToken.none());
        long naiveWrong = wrong(naive, w, h);
        long refinedWrong = wrong(refined, w, h);
        System.out.printf("pixels on the wrong side: naive %d, refined %d%n", naiveWrong, refinedWrong);
        assertTrue(refinedWrong * 3 < naiveWrong, naiveWrong + " → " + refinedWrong);
    }

    /** Pixels whose alpha ≥ 0.5 disagrees with the scene's object. */
    private static long wrong(float[] alpha, int w, int h) {
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                n += alpha[y * w + x] >= 0.5f != CutoutScenes.inside(x, y, w, h) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void aSolidBackgroundIsCompositedBehindTheCutOut() {
        Raster src = Raster.filled(4, 1, 0x204060ff);
        float[] alpha = {0, 0.6f, 1, 0}; // 0.6 is 153/255 exactly
        assertArrayEquals(new int[] {0xffffffff, 0x798ca0ff, 0x204060ff, 0xffffffff},
                pixels(BackgroundRemover.apply(src, alpha, Background.WHITE)));
        assertArrayEquals(new int[] {0x808080ff, 0x465a6dff, 0x204060ff, 0x808080ff},
                pixels(BackgroundRemover.apply(src, alpha, Background.GREY)));
        assertArrayEquals(new int[] {0x20406000, 0x20406099, 0x204060ff, 0x20406000},
                pixels(BackgroundRemover.apply(src, alpha, Background.TRANSPARENT)));
    }

    @Test
    void theSourcesOwnTransparencyStaysTransparent() throws Exception {
        Raster src = Raster.filled(64, 64, 0x44556600);
        Raster out = BackgroundRemover.remove(src, Background.TRANSPARENT, LEFT_HALF, ProgressSink.none(),
                CancelToken.none());
        assertEquals(0, out.get(2, 2, 3));
    }

    @Test
    void progressRisesAndCancelStopsBetweenStages() {
        List<Double> seen = new ArrayList<>();
        CancelToken cancel = new CancelToken();
        BackgroundRemover.MaskModel cancelling = nchw -> {
            cancel.cancel();
            return LEFT_HALF.run(nchw);
        };
        AtelierException e = assertThrows(AtelierException.class, () -> BackgroundRemover.remove(
                Raster.filled(32, 32, 0xffffffff), Background.WHITE, cancelling, (f, m) -> seen.add(f), cancel));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals(List.of(0.0, 0.05), seen);
    }

    @Test
    void aMaskOfTheWrongSizeIsAnEngineFailure() {
        AtelierException e = assertThrows(AtelierException.class, () -> BackgroundRemover.remove(
                Raster.filled(32, 32, 0xffffffff), Background.WHITE, nchw -> new float[10], ProgressSink.none(),
                CancelToken.none()));
        assertEquals(ErrorCode.ENGINE_FAILURE, e.code());
        assertEquals("The mask model returned 10 values, expected 1024x1024", e.getMessage());
    }

    private static int[] pixels(Raster r) {
        int[] p = new int[r.width() * r.height()];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.rgba(i % r.width(), i / r.width());
        }
        return p;
    }
}
