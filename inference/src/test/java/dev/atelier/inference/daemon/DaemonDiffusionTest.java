package dev.atelier.inference.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.client.Submission;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.plan.InpaintPlan;
import dev.atelier.core.plan.InpaintPlanner;
import dev.atelier.core.plan.InpaintSettings;
import dev.atelier.inference.bench.FillImages;
import dev.atelier.inference.diffusion.RealSdModel;
import dev.atelier.inference.diffusion.TinySdModels;
import dev.atelier.inference.engine.diffusion.DiffusionEngineProvider;
import dev.atelier.inference.testing.DaemonFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retouch through a real socket: the diffusion engine answers with a model installed (ONNX or SavedModel), the fill
 * without one.
 */
class DaemonDiffusionTest {

    @TempDir
    Path dir;

    private static Submission retouch(Raster image, Mask hole) {
        return Submission.builder().setOperation("retouch").setImage(image).optMask(hole)
                .optParam("prompt", "a lower tower").optParam("steps", 3).optParam("seed", 42)
                .optParam("grow", 2).optParam("feather", 6).optParam("blend", 6).build();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void retouchRunsOnTheTinyModelAndKeepsTheRestBitIdentical(boolean savedModel) throws Exception {
        retouchKeepsTheRestBitIdentical(TinySdModels.install(dir.resolve("store"), "tiny-sd", false, savedModel),
                "tiny-sd");
    }

    /** The same through the socket on the real model of {@code $ATELIER_SD_MODEL}; skipped (never failed) without. */
    @Test
    void retouchRunsOnTheRealModelAndKeepsTheRestBitIdentical() throws Exception {
        retouchKeepsTheRestBitIdentical(RealSdModel.store(), RealSdModel.ID);
    }

    private void retouchKeepsTheRestBitIdentical(Path store, String id) throws Exception {
        Raster image = FillImages.stripes(160, 120);
        Mask hole = FillImages.centreHole(160, 120, 0.05);
        try (DaemonFixture fixture = DaemonFixture.withProviders(dir.resolve("d"),
                new DiffusionEngineProvider(store))) {
            List<String> progress = new CopyOnWriteArrayList<>();
            var r = fixture.client().run(retouch(image, hole), (f, m, p) -> progress.add(m));
            assertEquals(160, r.canvasWidth());
            assertEquals(120, r.canvasHeight());
            assertTrue(r.notices().isEmpty(), r.notices().toString());
            assertEquals("42", r.metadata().get("seed"));
            assertEquals(id, r.metadata().get("model"));
            assertTrue(progress.contains("step 3/3"), progress.toString());
            InpaintPlan plan = InpaintPlanner.plan(hole, new InpaintSettings(2, 6, 6, 6));
            for (int y = 0; y < r.image().height(); y++) {
                for (int x = 0; x < r.image().width(); x++) {
                    int cx = r.x() + x;
                    int cy = r.y() + y;
                    if (plan.blend().get(cx - plan.context().x(), cy - plan.context().y()) == 0) {
                        assertEquals(image.rgba(cx, cy), r.image().rgba(x, y), "at " + cx + "," + cy);
                    }
                }
            }
        }
    }

    @Test
    void aBatchOfTwoComesBackAsTwoImagesOverTheSocket() throws Exception {
        Raster image = FillImages.stripes(96, 64);
        Path store = TinySdModels.install(dir.resolve("store"), "tiny-sd", false, false);
        try (DaemonFixture fixture = DaemonFixture.withProviders(dir.resolve("d"),
                new DiffusionEngineProvider(store))) {
            List<String> progress = new CopyOnWriteArrayList<>();
            var r = fixture.client().run(img2img(image, 42, 2), (f, m, p) -> progress.add(m));
            assertEquals(2, r.images().size());
            assertEquals("42,43", r.metadata().get("seeds"));
            assertTrue(progress.stream().anyMatch(m -> m.startsWith("image 2/2, step ")), progress.toString());
            assertTrue(!java.util.Arrays.equals(r.image().toByteArray(), r.variations().get(0).toByteArray()),
                    "two seeds, two images");
            var single = fixture.client().run(img2img(image, 43, 1), null);
            assertEquals(1, single.images().size());
            assertEquals(single.image(), r.variations().get(0), "image 2 is what seed 43 makes alone");
            assertEquals(single.canvasWidth(), r.canvasWidth());
        }
    }

    private static Submission img2img(Raster image, long seed, int count) {
        return Submission.builder().setOperation("img2img").setImage(image).optParam("prompt", "a lower tower")
                .optParam("steps", 4).optParam("influence", 30).optParam("seed", seed).optParam("batch-count", count)
                .build();
    }

    @Test
    void img2imgRunsOnTheTinySdxlModelAt1024AndRepeatsItsSeed() throws Exception {
        Path store = TinySdModels.installXl(dir.resolve("store"), "tiny-xl");
        Raster image = FillImages.stripes(160, 120);
        Submission s = Submission.builder().setOperation("img2img").setImage(image)
                .optParam("prompt", "a lower tower").optParam("negative-prompt", "newer").optParam("steps", 3)
                .optParam("seed", 42).optParam("influence", 40).build();
        try (DaemonFixture fixture = DaemonFixture.withProviders(dir.resolve("d"),
                new DiffusionEngineProvider(store))) {
            List<String> progress = new CopyOnWriteArrayList<>();
            var a = fixture.client().run(s, (f, m, p) -> progress.add(m));
            assertEquals(160, a.image().width());
            assertEquals(120, a.image().height());
            assertEquals("tiny-xl", a.metadata().get("model"));
            assertEquals("1024x768", a.metadata().get("size"));
            assertTrue(progress.contains("step 1/1"), "3 steps at strength 0.6: " + progress);
            var b = fixture.client().run(s, null);
            assertArrayEquals(a.image().toByteArray(), b.image().toByteArray());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void upscaleBalancedIsRefinedByTheTinyModelReproduciblyWithProgressAcrossTiles(boolean savedModel)
            throws Exception {
        Raster image = FillImages.stripes(150, 100);
        Path store = TinySdModels.install(dir.resolve("store"), "tiny-sd", false, savedModel);
        Submission upscale = Submission.builder().setOperation("upscale").setImage(image).optParam("factor", 4)
                .optParam("preset", "balanced").build();
        try (DaemonFixture fixture = DaemonFixture.withProviders(dir.resolve("d"),
                new DiffusionEngineProvider(store))) {
            List<String> progress = new CopyOnWriteArrayList<>();
            var r = fixture.client().run(upscale, (f, m, p) -> progress.add(m));
            assertEquals(600, r.canvasWidth());
            assertEquals(400, r.canvasHeight());
            assertEquals(600, r.image().width());
            assertEquals("tiny-sd", r.metadata().get("model"));
            assertEquals("2", r.metadata().get("tiles"));
            assertTrue(r.notices().contains("tiny-sd refined it in 2 tiles at strength 0.2"), r.notices().toString());
            assertTrue(progress.contains("refining tile 2/2, step 4/4"), progress.toString());
            assertEquals(r.image(), fixture.client().run(upscale, null).image(), "same request, same bytes");
            var precise = fixture.client().run(Submission.builder().setOperation("upscale").setImage(image)
                    .optParam("factor", 2).optParam("preset", "precise").build(), null);
            assertEquals(List.of(), precise.notices(), "Precise is the classical engine's, without a word");
            assertFalse(precise.metadata().containsKey("model"));
        }
    }

    /**
     * Upscale Balanced through the socket on the real model of {@code $ATELIER_SD_MODEL} (one 512 tile and a
     * partial one: 300×200 ×2); skipped (never failed) without it.
     */
    @Test
    void upscaleBalancedRunsOnTheRealModel() throws Exception {
        Path store = RealSdModel.store();
        Raster image = FillImages.stripes(300, 200);
        try (DaemonFixture fixture = DaemonFixture.withProviders(dir.resolve("d"),
                new DiffusionEngineProvider(store))) {
            var r = fixture.client().run(Submission.builder().setOperation("upscale").setImage(image)
                    .optParam("factor", 2).optParam("preset", "balanced").build(), null);
            assertEquals(600, r.image().width());
            assertEquals(400, r.image().height());
            assertEquals(RealSdModel.ID, r.metadata().get("model"));
            assertEquals("2", r.metadata().get("tiles"));
        }
    }

    @Test
    void withoutAModelRetouchFallsBackToTheFillAndSaysWhy() throws Exception {
        Raster image = FillImages.stripes(160, 120);
        Mask hole = FillImages.centreHole(160, 120, 0.05);
        try (DaemonFixture fixture = DaemonFixture.withProviders(dir.resolve("d"),
                new DiffusionEngineProvider(dir.resolve("empty")))) {
            var r = fixture.client().run(retouch(image, hole), null);
            assertTrue(r.notices().get(0).contains("no diffusion model installed (atelier models import <folder> "
                    + "--task diffusion)"), r.notices().toString());
            assertTrue(r.notices().stream().anyMatch(n -> n.startsWith("No diffusion model is installed, so a "
                    + "content-aware fill")), r.notices().toString());
        }
    }
}
