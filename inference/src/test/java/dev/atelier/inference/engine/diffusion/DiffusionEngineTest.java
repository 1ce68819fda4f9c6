package dev.atelier.inference.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.core.plan.ExpandPlan;
import dev.atelier.core.plan.ExpandPlanner;
import dev.atelier.core.plan.InpaintPlan;
import dev.atelier.core.plan.InpaintPlanner;
import dev.atelier.core.plan.InpaintSettings;
import dev.atelier.inference.diffusion.RealSdModel;
import dev.atelier.inference.diffusion.SdModelLayout;
import dev.atelier.inference.diffusion.TinySdModels;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.ClassicalEngineProvider;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Img2Img, Retouch and Expand through the engine on tiny SD models (regular and inpainting), ONNX exports here and the
 * same parts as SavedModels in {@link DiffusionEngineSavedModelTest}.
 */
class DiffusionEngineTest {

    @TempDir
    static Path dir;

    static Engine regular;
    static Engine inpainting;
    /** The tiny models' format: ONNX, or TensorFlow SavedModels. */
    static boolean savedModel;

    private static final Generation G = new Generation("a lower tower", "newer", 4, 3, 11, 1);

    @BeforeAll
    static void install() throws Exception {
        install(false);
    }

    /**
     * Installs the tiny models in one format; a subclass's {@code @BeforeAll} runs after this class's, replacing
     * them.
     */
    static void install(boolean savedModels) throws Exception {
        if (regular != null) {
            close();
        }
        savedModel = savedModels;
        EngineContext context = new EngineContext(dir.resolve("cache"), 2);
        regular = new DiffusionEngineProvider(TinySdModels.install(store("store"), "tiny-sd", false,
                savedModel)).create(context);
        inpainting = new DiffusionEngineProvider(TinySdModels.install(store("inpaint"), "tiny-inpaint", true,
                savedModel)).create(context);
    }

    /** A store folder of this format's own. */
    static Path store(String name) {
        return dir.resolve(savedModel ? "savedmodel" : "onnx").resolve(name);
    }

    @AfterAll
    static void close() {
        regular.close();
        inpainting.close();
        regular = null;
        inpainting = null;
    }

    private static Mask box(int w, int h, Bounds b) {
        byte[] m = new byte[w * h];
        for (int y = b.y(); y < b.bottom(); y++) {
            for (int x = b.x(); x < b.right(); x++) {
                m[y * w + x] = (byte) 255;
            }
        }
        return Mask.wrap(w, h, m);
    }

    @Test
    void withoutAModelEveryOperationIsDeclinedAndRetouchFallsBackToTheFill() throws Exception {
        EngineContext context = new EngineContext(dir.resolve("cache"), 2);
        Path empty = dir.resolve("empty-store");
        try (Engine e = new DiffusionEngineProvider(empty).create(context)) {
            for (OperationRequest r : List.of(new Img2ImgRequest(G, 50), new RetouchRequest(G, 4, 8),
                    new ExpandRequest(G, 8, 0, 0, 0))) {
                assertEquals(Optional.of("no diffusion model installed (atelier models import <folder> --task "
                        + "diffusion)"), e.unsupportedReason(r));
            }
        }
        try (EngineRegistry registry = EngineRegistry.ofProviders(context, new ClassicalEngineProvider(),
                new DiffusionEngineProvider(empty))) {
            EngineRegistry.Route route = registry.route(new RetouchRequest(G, 4, 8));
            assertTrue(route.found());
            assertEquals("classical", route.slot().info().id());
            assertTrue(route.reason().contains("no diffusion model installed"), route.reason());
            assertFalse(registry.route(new Img2ImgRequest(G, 50)).found());
        }
    }

    @Test
    void retouchLeavesEverythingOutsideTheBlendMaskBitIdentical() throws Exception {
        for (Engine engine : List.of(regular, inpainting)) {
            assertRetouchKeepsOutsideTheBlendMask(engine, 512);
        }
    }

    /** Retouch on a 300×260 noise image; {@code side} is the model family's generation side (512, SDXL 1024). */
    static void assertRetouchKeepsOutsideTheBlendMask(Engine engine, int side) throws Exception {
        Raster image = SeededImages.noise(5, 300, 260);
        Mask selection = box(300, 260, new Bounds(120, 100, 40, 30));
        RetouchRequest r = new RetouchRequest(G, 4, 16, 6, 8);
        OperationResult result = engine.run(r, new JobInput(image, Optional.of(selection)), ProgressSink.none(),
                CancelToken.none());
        InpaintPlan plan = InpaintPlanner.plan(selection, InpaintSettings.of(r));
        assertEquals(plan.patch(), new Bounds(result.x(), result.y(), result.image().width(),
                result.image().height()));
        Bounds ctx = plan.context();
        int changed = 0;
        for (int y = 0; y < result.image().height(); y++) {
            for (int x = 0; x < result.image().width(); x++) {
                int cx = result.x() + x;
                int cy = result.y() + y;
                if (plan.blend().get(cx - ctx.x(), cy - ctx.y()) == 0) {
                    assertEquals(image.rgba(cx, cy), result.image().rgba(x, y), "at " + cx + "," + cy);
                } else if (image.rgba(cx, cy) != result.image().rgba(x, y)) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 40 * 30 / 2, "the selection was repainted: " + changed);
        assertTrue(result.metadata().containsKey("model"));
        assertTrue(result.metadata().get("plan").startsWith("Inpaint plan on a 300x260 canvas"));
        assertEquals(side + "x" + side, result.metadata().get("size"), "the context is a square of at least 256");
    }

    @Test
    void expandGrowsTheCanvasAndKeepsOldPixelsOutsideTheBand() throws Exception {
        assertExpandKeepsOldPixelsOutsideTheBand(regular);
    }

    private static void assertExpandKeepsOldPixelsOutsideTheBand(Engine engine) throws Exception {
        Raster image = SeededImages.noise(9, 120, 90);
        ExpandRequest r = new ExpandRequest(G, 24, 0, 40, 8, dev.atelier.core.operation.AspectRatio.FREE, 16);
        OperationResult result = engine.run(r, JobInput.of(image), ProgressSink.none(), CancelToken.none());
        ExpandPlan plan = ExpandPlanner.plan(r, 120, 90, Optional.empty());
        assertEquals(184, result.canvasWidth());
        assertEquals(98, result.canvasHeight());
        assertEquals(-24, result.x());
        assertEquals(0, result.y());
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 120; x++) {
                if (plan.blend().get(x + 24, y) == 0) {
                    assertEquals(image.rgba(x, y), result.image().rgba(x + 24, y), "at " + x + "," + y);
                }
            }
        }
        for (int y = 0; y < 98; y++) {
            assertEquals(255, result.image().get(0, y, 3), "the new area is painted, opaque");
        }
    }

    @Test
    void img2imgReproducesItsSeedAndReportsARandomOne() throws Exception {
        Raster image = SeededImages.gradient(64, 48);
        Generation random = new Generation("wider", "", 4, 1, -1, 1);
        OperationResult first = regular.run(new Img2ImgRequest(random, 30), JobInput.of(image), ProgressSink.none(),
                CancelToken.none());
        String seed = first.metadata().get("seed");
        assertEquals(List.of("Seed " + seed + " was chosen at random; set it to reproduce this result"),
                first.notices());
        assertEquals(64, first.image().width());
        assertEquals(48, first.image().height());
        assertEquals(1, first.images().size());

        Generation fixed = new Generation("wider", "", 4, 1, Long.parseLong(seed), 1);
        OperationResult again = regular.run(new Img2ImgRequest(fixed, 30), JobInput.of(image), ProgressSink.none(),
                CancelToken.none());
        assertArrayEquals(first.image().toByteArray(), again.image().toByteArray());
        assertTrue(again.notices().isEmpty(), again.notices().toString());

        Generation other = new Generation("wider", "", 4, 1, Long.parseLong(seed) + 1, 1);
        OperationResult different = regular.run(new Img2ImgRequest(other, 30), JobInput.of(image),
                ProgressSink.none(), CancelToken.none());
        assertFalse(java.util.Arrays.equals(first.image().toByteArray(), different.image().toByteArray()));
    }

    @Test
    void aBatchMakesDistinctImagesEachEqualToASingleRunWithSeedPlusK() throws Exception {
        Raster image = SeededImages.gradient(64, 48);
        Generation batch = new Generation("wider", "", 4, 1, 40, 3); // influence 30: 2 of the 4 steps run
        List<Double> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        OperationResult all = regular.run(new Img2ImgRequest(batch, 30), JobInput.of(image), (f, m) -> {
            fractions.add(f);
            messages.add(m);
        }, CancelToken.none());
        assertEquals(3, all.images().size());
        assertEquals("40", all.metadata().get("seed"));
        assertEquals("40,41,42", all.metadata().get("seeds"));
        for (int k = 0; k < 3; k++) {
            Generation single = new Generation("wider", "", 4, 1, 40 + k, 1);
            OperationResult alone = regular.run(new Img2ImgRequest(single, 30), JobInput.of(image),
                    ProgressSink.none(), CancelToken.none());
            assertArrayEquals(alone.image().toByteArray(), all.images().get(k).toByteArray(), "image " + k);
            for (int j = 0; j < k; j++) {
                assertFalse(java.util.Arrays.equals(all.images().get(j).toByteArray(),
                        all.images().get(k).toByteArray()), "images " + j + " and " + k + " differ");
            }
        }
        // progress runs once across the batch, never backwards
        assertTrue(messages.contains("image 1/3, step 1/2") && messages.contains("image 3/3, step 2/2"),
                messages.toString());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), fractions.toString());
        }
        double midway = fractions.get(messages.indexOf("image 2/3, step 2/2"));
        assertTrue(midway > 0.6 && midway < 0.7, "two thirds of the steps: " + midway);

        CancelToken cancel = new CancelToken();
        List<String> seen = new ArrayList<>();
        AtelierException e = assertThrows(AtelierException.class, () -> regular.run(new Img2ImgRequest(batch, 30),
                JobInput.of(image), (f, m) -> {
                    seen.add(m);
                    if (m.equals("image 2/3, step 1/2")) {
                        cancel.cancel();
                    }
                }, cancel));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertTrue(seen.contains("image 2/3, step 1/2"), seen.toString());
        assertFalse(seen.contains("image 2/3, step 2/2") || seen.contains("image 3/3, step 1/2"), seen.toString());
    }

    @Test
    void aRetouchBatchSharesItsPlacementAndKeepsOutsideTheBlendInEveryImage() throws Exception {
        Raster image = SeededImages.noise(5, 200, 160);
        Mask selection = box(200, 160, new Bounds(80, 60, 30, 20));
        RetouchRequest r = new RetouchRequest(new Generation("a lower tower", "", 3, 3, 7, 2), 4, 16, 6, 8);
        OperationResult result = regular.run(r, new JobInput(image, Optional.of(selection)),
                ProgressSink.none(), CancelToken.none());
        InpaintPlan plan = InpaintPlanner.plan(selection, InpaintSettings.of(r));
        assertEquals(2, result.images().size());
        for (int k = 0; k < 2; k++) {
            RetouchRequest single = new RetouchRequest(new Generation("a lower tower", "", 3, 3, 7 + k, 1), 4, 16, 6,
                    8);
            assertEquals(regular.run(single, new JobInput(image, Optional.of(selection)), ProgressSink.none(),
                    CancelToken.none()).image(), result.images().get(k), "image " + k + " is seed 7 + " + k);
        }
        Bounds ctx = plan.context();
        for (Raster patch : result.images()) {
            assertEquals(plan.patch(), new Bounds(result.x(), result.y(), patch.width(), patch.height()));
            for (int y = 0; y < patch.height(); y++) {
                for (int x = 0; x < patch.width(); x++) {
                    int cx = result.x() + x;
                    int cy = result.y() + y;
                    if (plan.blend().get(cx - ctx.x(), cy - ctx.y()) == 0) {
                        assertEquals(image.rgba(cx, cy), patch.rgba(x, y), "at " + cx + "," + cy);
                    }
                }
            }
        }
    }

    @Test
    void progressIsReportedPerStepWithPreviewsAndCancelStopsBetweenSteps() throws Exception {
        Raster image = SeededImages.gradient(64, 48);
        Generation g = new Generation("wider", "", 6, 1, 1, 1);
        List<Double> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        int[] previews = {0};
        ProgressSink sink = new ProgressSink() {
            @Override
            public void report(double fraction, String message) {
                fractions.add(fraction);
                messages.add(message);
            }

            @Override
            public void report(double fraction, String message, Raster preview) {
                previews[0]++;
                report(fraction, message);
            }
        };
        regular.run(new Img2ImgRequest(g, 0), JobInput.of(image), sink, CancelToken.none());
        assertTrue(messages.contains("step 1/6") && messages.contains("step 6/6"), messages.toString());
        assertEquals(6, previews[0]);
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), fractions.toString());
        }

        CancelToken cancel = new CancelToken();
        List<String> seen = new ArrayList<>();
        AtelierException e = assertThrows(AtelierException.class, () -> regular.run(new Img2ImgRequest(g, 0),
                JobInput.of(image), (f, m) -> {
                    seen.add(m);
                    if (m.equals("step 2/6")) {
                        cancel.cancel();
                    }
                }, cancel));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertTrue(seen.contains("step 2/6") && !seen.contains("step 3/6"), seen.toString());
    }

    @Test
    void askingWhetherARequestIsSupportedNeverWaitsForARunningJob() throws Exception {
        java.util.concurrent.CountDownLatch atStep = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Raster image = SeededImages.gradient(64, 48);
        Thread job = new Thread(() -> {
            try {
                regular.run(new Img2ImgRequest(new Generation("wider", "", 3, 1, 1, 1), 0), JobInput.of(image),
                        (f, m) -> {
                            if (m.equals("step 1/3")) {
                                atStep.countDown();
                                try {
                                    release.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        }, CancelToken.none());
            } catch (AtelierException e) {
                throw new IllegalStateException(e);
            }
        });
        job.start();
        try {
            assertTrue(atStep.await(20, java.util.concurrent.TimeUnit.SECONDS));
            var answer = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> regular.unsupportedReason(new RetouchRequest(G, 4, 8)));
            assertEquals(Optional.empty(), answer.get(5, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            release.countDown();
            job.join();
        }
    }

    @Test
    void theLoadedModelIsReplacedWhenAnotherIsInstalledAndReopenedAfterClose() throws Exception {
        Path store = TinySdModels.install(store("swap"), "tiny-b", false, savedModel);
        Img2ImgRequest r = new Img2ImgRequest(new Generation("wider", "", 2, 1, 5, 1), 50);
        Raster image = SeededImages.gradient(32, 32);
        try (Engine e = new DiffusionEngineProvider(store).create(new EngineContext(dir.resolve("cache"), 1))) {
            assertEquals("tiny-b", e.run(r, JobInput.of(image), ProgressSink.none(), CancelToken.none())
                    .metadata().get("model"));
            TinySdModels.install(store, "tiny-a", false, savedModel); // sorts first: the engine switches to it
            OperationResult a = e.run(r, JobInput.of(image), ProgressSink.none(), CancelToken.none());
            assertEquals("tiny-a", a.metadata().get("model"));
            e.close();
            assertArrayEquals(a.image().toByteArray(), e.run(r, JobInput.of(image), ProgressSink.none(),
                    CancelToken.none()).image().toByteArray());
        }
    }

    @Test
    void anInpaintingModelDeclinesImg2ImgButRunsExpand() throws Exception {
        assertTrue(inpainting.unsupportedReason(new Img2ImgRequest(G, 50)).orElseThrow()
                .endsWith("is an inpainting model; Img2Img needs a regular one"));
        Raster image = SeededImages.noise(2, 64, 64);
        OperationResult r = inpainting.run(new ExpandRequest(G, 0, 16, 0, 0), JobInput.of(image),
                ProgressSink.none(), CancelToken.none());
        assertEquals(80, r.canvasHeight());
        assertNotEquals(0, r.image().get(10, 2, 3));
    }

    /** The end-to-end paths again on the real model of {@code $ATELIER_SD_MODEL}; skipped (never failed) without. */
    @Test
    void theRealModelRetouchesExpandsAndReproducesItsSeed() throws Exception {
        Path store = RealSdModel.store();
        EngineContext context = new EngineContext(dir.resolve("cache"), Runtime.getRuntime().availableProcessors());
        try (Engine real = new DiffusionEngineProvider(store).create(context)) {
            int side = SdModelLayout.describe(RealSdModel.require()).family().defaultSide(); // SDXL: 1024
            assertRetouchKeepsOutsideTheBlendMask(real, side);
            assertExpandKeepsOldPixelsOutsideTheBand(real);
            Img2ImgRequest r = new Img2ImgRequest(new Generation("a watercolour landscape", "", 4, 5, 42, 1), 40);
            Raster image = SeededImages.gradient(96, 64);
            if (real.unsupportedReason(r).isPresent()) {
                return; // an inpainting export: Img2Img is declined, as tested on the tiny one
            }
            OperationResult a = real.run(r, JobInput.of(image), ProgressSink.none(), CancelToken.none());
            OperationResult b = real.run(r, JobInput.of(image), ProgressSink.none(), CancelToken.none());
            assertEquals(RealSdModel.ID, a.metadata().get("model"));
            assertArrayEquals(a.image().toByteArray(), b.image().toByteArray());
        }
    }
}
