package dev.atelier.inference.engine.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.diffusion.RgbPlanes;
import dev.atelier.inference.diffusion.SdModelLayout;
import dev.atelier.inference.diffusion.SdPipeline;
import dev.atelier.inference.diffusion.SdRequest;
import dev.atelier.inference.diffusion.TinySdModels;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.ClassicalEngineProvider;
import dev.atelier.inference.engine.classical.LanczosUpscaler;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upscale Balanced and Creative refined by the tiny SD model (no ESRGAN model in the test store, so Lanczos
 * enlarges first): routing, sizes, reproducibility, how far the refinement moves pixels, seams and cancel.
 */
class DiffusionUpscaleTest {

    @TempDir
    static Path dir;

    static Path store;
    static Engine engine;
    static SdPipeline pipeline;

    @BeforeAll
    static void install() throws Exception {
        store = TinySdModels.install(dir.resolve("store"), "tiny-sd", false);
        engine = new DiffusionEngineProvider(store).create(new EngineContext(dir.resolve("cache"), 2));
        pipeline = SdPipeline.open(SdModelLayout.describe(TinySdModels.write(dir.resolve("direct"), false)),
                dir.resolve("cache"), 2);
    }

    @AfterAll
    static void close() {
        engine.close();
        pipeline.close();
    }

    private static OperationResult upscale(Raster image, int factor, UpscalePreset preset) throws Exception {
        return engine.run(new UpscaleRequest(factor, preset), JobInput.of(image), ProgressSink.none(),
                CancelToken.none());
    }

    @Test
    void balancedAndCreativeGoToDiffusionWithAModelPreciseAndNoModelDoNotAndSayNothing() throws Exception {
        EngineContext context = new EngineContext(dir.resolve("cache"), 2);
        try (EngineRegistry registry = EngineRegistry.ofProviders(context, new ClassicalEngineProvider(),
                new DiffusionEngineProvider(store));
                EngineRegistry empty = EngineRegistry.ofProviders(context, new ClassicalEngineProvider(),
                        new DiffusionEngineProvider(dir.resolve("empty")))) {
            for (UpscalePreset p : UpscalePreset.values()) {
                EngineRegistry.Route withModel = registry.route(new UpscaleRequest(2, p));
                assertEquals(p == UpscalePreset.PRECISE ? "classical" : "diffusion", withModel.slot().info().id());
                assertNull(withModel.reason(), "no fallback notice: " + withModel.reason());
                EngineRegistry.Route none = empty.route(new UpscaleRequest(2, p));
                assertEquals("classical", none.slot().info().id());
                assertNull(none.reason(), "without a model Upscale is as before: " + none.reason());
            }
        }
        assertTrue(engine.unsupportedReason(new UpscaleRequest(4, UpscalePreset.PRECISE)).get().contains("Precise"));
    }

    @Test
    void theResultIsFactorTimesTheInputKeepsAlphaAndSaysHowItWasMade() throws Exception {
        Raster image = SeededImages.shapes(3, 150, 100, true);
        OperationResult r = upscale(image, 4, UpscalePreset.BALANCED);
        assertEquals(600, r.image().width());
        assertEquals(400, r.image().height());
        Raster lanczos = LanczosUpscaler.upscale(image, 4, 1, ProgressSink.none(), CancelToken.none());
        for (int y = 0; y < 400; y += 7) {
            for (int x = 0; x < 600; x += 5) {
                assertEquals(lanczos.get(x, y, 3), r.image().get(x, y, 3), "alpha at " + x + "," + y);
            }
        }
        assertEquals("tiny-sd", r.metadata().get("model"));
        assertEquals("0.2", r.metadata().get("strength"));
        assertEquals("2", r.metadata().get("tiles"), "600 px across: two 512 tiles");
        assertEquals("64", r.metadata().get("overlap"), "2·(16 + 64·0.2) = 58 → 64");
        assertEquals("4", r.metadata().get("steps"));
        assertTrue(r.notices().get(0).startsWith("No ESRGAN model is installed, so Lanczos"), r.notices().toString());
        assertEquals("tiny-sd refined it in 2 tiles at strength 0.2", r.notices().get(1));
    }

    @Test
    void anSdxlModelRefinesIn1024Tiles() throws Exception {
        Path xl = TinySdModels.installXl(dir.resolve("xl-store"), "tiny-xl");
        try (Engine e = new DiffusionEngineProvider(xl).create(new EngineContext(dir.resolve("cache"), 2))) {
            OperationResult r = e.run(new UpscaleRequest(4, UpscalePreset.CREATIVE),
                    JobInput.of(SeededImages.noise(3, 300, 200)), ProgressSink.none(), CancelToken.none());
            assertEquals(1200, r.image().width());
            assertEquals(800, r.image().height());
            assertEquals("1024x1024", r.metadata().get("tile"));
            assertEquals("2", r.metadata().get("tiles"), "1200 across: two 1024 tiles; 800 down: one");
            assertEquals("tiny-xl", r.metadata().get("model"));
        }
    }

    @Test
    void theSameRequestGivesTheSameBytes() throws Exception {
        Raster image = SeededImages.noise(4, 160, 120);
        assertEquals(upscale(image, 4, UpscalePreset.CREATIVE).image(),
                upscale(image, 4, UpscalePreset.CREATIVE).image());
    }

    /**
     * The tiny UNet predicts the latent itself as noise, so each step pulls the latents towards 0 (mid grey) and
     * leaves some of the start noise: pixels move a lot in levels, but the picture's structure must survive a low
     * strength, and more of it at Balanced than at Creative. Correlation with the Lanczos enlargement measures that.
     */
    @Test
    void theRefinementChangesPixelsButKeepsThePictureAndCreativeMovesMore() throws Exception {
        Raster image = SeededImages.shapes(8, 150, 110, false);
        Raster lanczos = LanczosUpscaler.upscale(image, 4, 1, ProgressSink.none(), CancelToken.none());
        Raster balanced = upscale(image, 4, UpscalePreset.BALANCED).image();
        Raster creative = upscale(image, 4, UpscalePreset.CREATIVE).image();
        double dBalanced = meanDifference(lanczos, balanced);
        double dCreative = meanDifference(lanczos, creative);
        double cBalanced = correlation(lanczos, balanced);
        double cCreative = correlation(lanczos, creative);
        // the same tiles at strength 0.99, where the image is all but ignored: what "no picture left" measures
        RefineSettings s = RefineSettings.of(UpscalePreset.BALANCED, SdModelLayout.SdFamily.SD1);
        double cIgnored = correlation(lanczos, refine(lanczos, s.overlap(), new RefineSettings(0.99, s.steps(),
                s.tile(), s.overlap(), "", s.seed())));
        // measured: differences 88.6 / 99.1 levels, correlations 0.233 / 0.121 / 0.008
        assertTrue(dBalanced > 1, "refined: " + dBalanced);
        assertTrue(dCreative > dBalanced, dCreative + " vs " + dBalanced);
        assertTrue(cBalanced > 0.2 && cBalanced > 10 * Math.abs(cIgnored),
                "the picture survives Balanced: " + cBalanced + " vs " + cIgnored);
        assertTrue(cCreative < cBalanced && cCreative > 5 * Math.abs(cIgnored), cCreative + " vs " + cBalanced);
    }

    /** Where only one tile covers the image, the result is exactly that tile's own img2img. */
    @Test
    void eachTileIsTheImg2ImgOfItsOwnCropPutBackInPlace() throws Exception {
        Raster image = SeededImages.shapes(5, 1000, 200, false);
        RefineSettings s = RefineSettings.of(UpscalePreset.BALANCED, SdModelLayout.SdFamily.SD1);
        List<Bounds> tiles = TiledRefiner.regions(1000, 200, s.tile(), s.overlap());
        assertEquals(List.of(new Bounds(0, 0, 512, 200), new Bounds(448, 0, 512, 200), new Bounds(488, 0, 512,
                200)), tiles, "512 tiles every 448 px, the last one moved back to the edge");
        Raster refined = refine(image, s.overlap(), s);
        for (int i : new int[] {0, 2}) {
            Bounds t = tiles.get(i);
            int gh = 200; // a multiple of 8 already
            var planes = Pixels.planes(image.crop(t), 512, gh);
            Raster alone = Pixels.raster(pipeline.generate(new SdRequest("", "", 512, gh, s.steps(), 1, "euler",
                    s.seed() + i, planes, s.influence(), null), SdPipeline.Progress.none(), () -> false).image(),
                    512, gh, null);
            int from = i == 0 ? 0 : tiles.get(1).right() - t.x(); // past the overlaps
            int to = i == 0 ? tiles.get(1).x() : 512;
            for (int y = 0; y < 200; y++) {
                for (int x = from; x < to; x++) {
                    assertEquals(alone.rgba(x, y), refined.rgba(t.x() + x, y), "tile " + i + " at " + x + "," + y);
                }
            }
        }
    }

    /** Where two tiles overlap, the result is their own img2img outputs cross-faded by the ramp weights. */
    @Test
    void overlapsAreTheCrossFadeOfTheTwoTilesOwnResults() throws Exception {
        Raster image = SeededImages.shapes(6, 1000, 200, false);
        RefineSettings s = RefineSettings.of(UpscalePreset.BALANCED, SdModelLayout.SdFamily.SD1);
        List<Bounds> tiles = TiledRefiner.regions(1000, 200, s.tile(), s.overlap());
        Raster refined = refine(image, s.overlap(), s);
        float[] a = alone(image, tiles.get(0), 0, s).values();
        float[] b = alone(image, tiles.get(1), 1, s).values();
        int n = 512 * 200;
        int differ = 0;
        for (int y = 0; y < 200; y++) {
            for (int x = tiles.get(1).x(); x < tiles.get(2).x(); x++) { // tiles 0 and 1 only
                int xb = x - tiles.get(1).x();
                float wa = TiledRefiner.ramp(x, 512, false, true, s.overlap());
                float wb = TiledRefiner.ramp(xb, 512, true, true, s.overlap());
                for (int c = 0; c < 3; c++) {
                    float v = (wa * a[c * n + y * 512 + x] + wb * b[c * n + y * 512 + xb]) / (wa + wb);
                    int expected = Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
                    assertTrue(Math.abs(expected - refined.get(x, y, c)) <= 1, "at " + x + "," + y);
                    differ += a[c * n + y * 512 + x] != b[c * n + y * 512 + xb] ? 1 : 0;
                }
            }
        }
        assertTrue(differ > 40 * 200, "the two tiles disagree there, so the blend is tested: " + differ);
    }

    private static RgbPlanes alone(Raster image, Bounds t, int index, RefineSettings s) throws AtelierException {
        return pipeline.generate(new SdRequest("", "", t.width(), t.height(), s.steps(), 1, "euler",
                s.seed() + index, Pixels.planes(image.crop(t), t.width(), t.height()), s.influence(), null),
                SdPipeline.Progress.none(), () -> false).image();
    }

    @Test
    void progressCoversTheUpscaleAndEveryTileStepAndNeverGoesBack() throws Exception {
        List<Double> fractions = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        engine.run(new UpscaleRequest(4, UpscalePreset.CREATIVE), JobInput.of(SeededImages.noise(2, 150, 100)),
                (f, m) -> {
                    fractions.add(f);
                    messages.add(m);
                }, CancelToken.none());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "went back at " + i + ": " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        int firstTile = 0;
        while (!messages.get(firstTile).startsWith("refining")) {
            firstTile++;
        }
        assertTrue(firstTile > 0 && fractions.get(firstTile - 1) > 0
                && fractions.get(firstTile - 1) <= DiffusionUpscale.UPSCALE_SHARE, "the enlargement reports first, "
                + "within its share: " + messages.subList(0, firstTile) + " " + fractions.subList(0, firstTile));
        for (int t = 1; t <= 2; t++) {
            for (int step = 1; step <= 7; step++) {
                assertTrue(messages.contains("refining tile " + t + "/2, step " + step + "/7"), messages.toString());
            }
        }
    }

    @Test
    void acrossAnOverlapTheTwoTilesWeightsCrossFadeToOne() {
        int overlap = 64;
        for (int p = 0; p < overlap; p++) {
            // the left tile's last `overlap` pixels lie over the right tile's first ones
            float left = TiledRefiner.ramp(512 - overlap + p, 512, false, true, overlap);
            float right = TiledRefiner.ramp(p, 512, true, false, overlap);
            assertEquals(1f, left + right, 1e-6f, "at " + p);
            assertTrue(left > 0 && right > 0);
        }
        assertEquals(1f, TiledRefiner.ramp(200, 512, true, true, overlap));
    }

    /**
     * Seams: on a smooth gradient, the step between neighbouring columns near a tile border is no larger than the
     * largest step inside tiles. The tiny model leaves much of the start noise and tiles differ only by their
     * noise, so this checks that the cross-fade blends that noise rather than cutting from one tile's to the next.
     */
    @Test
    void tileBordersAreNoRougherThanTheInsideOfTiles() throws Exception {
        Raster gradient = SeededImages.gradient(1000, 200);
        RefineSettings s = RefineSettings.of(UpscalePreset.CREATIVE, SdModelLayout.SdFamily.SD1);
        List<Bounds> tiles = TiledRefiner.regions(1000, 200, s.tile(), s.overlap());
        double[] steps = columnSteps(refine(gradient, s.overlap(), s));
        double inside = 0;
        double borders = 0;
        for (int x = 0; x < steps.length; x++) {
            boolean border = false;
            for (Bounds t : tiles) {
                border |= Math.abs(x + 1 - t.x()) <= 1 && t.x() > 0
                        || Math.abs(x + 1 - t.right()) <= 1 && t.right() < 1000;
            }
            if (border) {
                borders = Math.max(borders, steps[x]);
            } else {
                inside = Math.max(inside, steps[x]);
            }
        }
        // measured: 110 levels across borders, 126 inside
        assertTrue(borders > 0 && borders <= inside, "seam: " + borders + " across borders, " + inside + " inside");
    }

    private static Raster refine(RgbaView image, int overlap, RefineSettings s) throws AtelierException {
        return TiledRefiner.refine(image, s.tile(), overlap, (tile, index, steps) -> pipeline.generate(
                new SdRequest("", "", tile.width(), tile.height(), s.steps(), 1, "euler", s.seed() + index, tile,
                        s.influence(), null), steps, () -> false).image(), ProgressSink.none(), 0, 1,
                CancelToken.none());
    }

    @Test
    void cancelMidRefinementStopsWithinOneStep() throws Exception {
        Raster image = SeededImages.noise(6, 150, 100); // ×4: 600×400, two tiles
        CancelToken cancel = new CancelToken();
        List<String> after = new CopyOnWriteArrayList<>();
        ProgressSink progress = (f, msg) -> {
            if (cancel.isCancelled()) {
                after.add(msg);
            } else if (msg.equals("refining tile 1/2, step 2/4")) {
                cancel.cancel();
            }
        };
        AtelierException e = assertThrows(AtelierException.class, () -> engine.run(
                new UpscaleRequest(4, UpscalePreset.BALANCED), JobInput.of(image), progress, cancel));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals(List.of(), after, "nothing ran after the cancel");
        assertTrue(e.getMessage().contains("after 2 of 4 steps"), e.getMessage());
    }

    /** Pearson correlation of the RGB values. */
    static double correlation(Raster a, Raster b) {
        double sa = 0;
        double sb = 0;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        long n = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    double u = a.get(x, y, c);
                    double v = b.get(x, y, c);
                    sa += u;
                    sb += v;
                    sab += u * v;
                    saa += u * u;
                    sbb += v * v;
                    n++;
                }
            }
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa / n * sa / n) * (sbb / n - sb / n * sb / n));
    }

    /** Mean absolute difference over RGB, in levels. */
    static double meanDifference(Raster a, Raster b) {
        assertEquals(a.width(), b.width());
        long sum = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.get(x, y, c) - b.get(x, y, c));
                }
            }
        }
        return sum / (3.0 * a.width() * a.height());
    }

    /** Per column x: the mean over rows and RGB of |p(x+1) − p(x)|. */
    static double[] columnSteps(Raster r) {
        double[] d = new double[r.width() - 1];
        for (int x = 0; x < d.length; x++) {
            long sum = 0;
            for (int y = 0; y < r.height(); y++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(r.get(x + 1, y, c) - r.get(x, y, c));
                }
            }
            d[x] = sum / (3.0 * r.height());
        }
        return d;
    }
}
