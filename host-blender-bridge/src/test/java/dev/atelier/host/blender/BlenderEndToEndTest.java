package dev.atelier.host.blender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.engine.classical.LanczosUpscaler;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.inference.testing.FakeEngine;
import dev.atelier.inference.testing.JavaProcess;
import dev.atelier.inference.workflow.WorkflowFolders;
import dev.atelier.testkit.AppWorkflows;
import dev.atelier.testkit.EndToEnd;
import dev.atelier.testkit.ImageAssert;
import dev.atelier.testkit.LogTail;
import dev.atelier.testkit.Requirements;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The add-on in real Blender, headless ({@code blender -b --factory-startup --addons atelier}, the add-on installed
 * by BlenderInstaller into a throwaway {@code BLENDER_USER_SCRIPTS}), talking to a real in-process daemon (classical
 * engine; the fake engine refuses). src/test/blender/atelier_e2e.py calls {@code atelier.api}; the tests compare the
 * images it dumped with what the daemon gives directly, and check Prep for 3D's package made by the CLI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlenderEndToEndTest {

    static final int W = 40;
    static final int H = 30;

    @TempDir
    static Path dir;
    private DaemonFixture daemon;
    private RealBlender blender;
    private JsonObject report;
    private JsonObject cases;
    private Path out;
    private Raster top;

    @BeforeAll
    void runBlender() throws Exception {
        Requirements.host("blender", RealBlender.present(), RealBlender.HOW_TO_INSTALL);
        Path studio = AppWorkflows.studioFolder(dir); // the App exists only as this file
        daemon = new DaemonFixture(dir.resolve("daemon"),
                b -> b.optWorkflows(new WorkflowFolders(dir.resolve("user-workflows"), List.of(studio))));
        blender = RealBlender.install(dir.resolve("user"), daemon.socket(), JavaProcess.cli());
        Path in = Files.createDirectories(dir.resolve("in"));
        out = Files.createDirectories(dir.resolve("out"));
        top = EndToEnd.opaque(SeededImages.shapes(7, W, H));
        Files.write(in.resolve("top.rgba"), top.toByteArray());
        JsonObject cfg = new JsonObject();
        cfg.addProperty("in", in.toString());
        cfg.addProperty("out", out.toString());
        cfg.addProperty("mode", "ops");
        cfg.addProperty("width", W);
        cfg.addProperty("height", H);
        report = runScript(cfg, out);
        cases = report.getAsJsonObject("cases");
    }

    private JsonObject runScript(JsonObject cfg, Path outDir) throws Exception {
        Path config = outDir.resolve("config.json");
        Files.writeString(config, cfg.toString());
        String script = Path.of("src/test/blender/atelier_e2e.py").toAbsolutePath().toString();
        Path log = outDir.resolve("blender.log");
        long t0 = System.nanoTime();
        int rc = blender.run(List.of("-b", "--factory-startup", "--addons", "atelier", "--python-exit-code", "1",
                "--python", script, "--", config.toString()), Map.of(), 40, log);
        System.out.printf("[host-blender e2e %s] blender took %.1f s%n", cfg.get("mode").getAsString(),
                (System.nanoTime() - t0) / 1e9);
        JsonObject r = EndToEnd.report(outDir.resolve("report.json"), "Blender (rc " + rc + ")", LogTail.of(log));
        assertEquals(0, rc, LogTail.of(log));
        assertEquals(blender.scripts.resolve("addons/atelier/__init__.py").toString(), r.get("atelier").getAsString());
        return r;
    }

    @AfterAll
    void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private Raster image(String name, String expectedName) throws Exception {
        JsonObject c = cases.getAsJsonObject(name);
        assertTrue(c.get("ok").getAsBoolean(), name + ": " + c);
        assertTrue(c.get("name").getAsString().startsWith(expectedName), c.toString());
        assertEquals(c.get("imagesBefore").getAsInt() + 1, c.get("imagesAfter").getAsInt(), c.toString());
        assertFalse(c.get("isFloat").getAsBoolean(), c.toString());
        assertEquals("sRGB", c.get("colorspace").getAsString());
        JsonArray size = c.getAsJsonArray("size");
        return Raster.wrap(size.get(0).getAsInt(), size.get(1).getAsInt(), Files.readAllBytes(out.resolve(name + ".rgba")));
    }

    private Raster daemonRun(String op, Raster image, Map<String, Object> params) throws Exception {
        return EndToEnd.daemonRun(daemon.client(), op, image, params);
    }

    @Test
    void anImageStoredByBlenderKeepsTheBytesTheAddonGaveIt() throws Exception {
        ImageAssert.assertPixelsEqual(top, Png.read(out.resolve("stored.png"), 1 << 20));
    }

    @Test
    void upscaleMatchesLanczosForByteAndFloatImages() throws Exception {
        Raster expected = LanczosUpscaler.upscale(top, 2);
        ImageAssert.assertPixelsEqual(expected, image("upscale", "Atelier Upscale"));
        JsonObject f = report.getAsJsonObject("floatSource");
        assertTrue(f.get("isFloat").getAsBoolean(), f.toString());
        ImageAssert.assertPixelsEqual(expected, image("upscale-float", "Atelier Upscale"));
    }

    @Test
    void detectGivesTheDaemonsPixels() throws Exception {
        ImageAssert.assertPixelsEqual(daemonRun("detect", top, Map.of("mode", "canny", "low", 100, "high", 200)),
                image("detect", "Atelier Detect"));
        ImageAssert.assertPixelsEqual(daemonRun("detect", top, Map.of("mode", "lineart", "line-weight", 1.5)),
                image("lineart", "Atelier Detect"));
    }

    @Test
    void aBatchMakesOneImagePerVariation() throws Exception {
        JsonObject c = cases.getAsJsonObject("img2img-batch");
        assertTrue(c.get("ok").getAsBoolean(), c.toString());
        assertEquals("Atelier Img2Img 1/2: a cat", c.get("name").getAsString(), c.toString());
        assertEquals("Atelier Img2Img 2/2: a cat", c.get("second").getAsString(), c.toString());
        assertEquals(c.get("imagesBefore").getAsInt() + 2, c.get("imagesAfter").getAsInt(), c.toString());
        Raster inverted = FakeEngine.invert(top);
        ImageAssert.assertPixelsEqual(inverted, Raster.wrap(W, H,
                Files.readAllBytes(out.resolve("img2img-batch.rgba"))));
        ImageAssert.assertPixelsEqual(FakeEngine.variation(inverted, 1),
                Raster.wrap(W, H, Files.readAllBytes(out.resolve("img2img-batch-2.rgba"))));
    }

    @Test
    void anAppFromAWorkflowFileRunsLikeAnyOperation() throws Exception {
        Raster app = image("app", "Atelier Edges 2x");
        assertEquals(List.of(2 * W, 2 * H), List.of(app.width(), app.height()));
        Raster upscaled = daemonRun("upscale", top, Map.of("factor", "2", "preset", "precise"));
        ImageAssert.assertPixelsEqual(daemonRun("detect", upscaled, Map.of("mode", "canny", "low", 40, "high", 200)),
                app);
    }

    @Test
    void expandMakesAWiderImageFromTheContentAwareFill() throws Exception {
        Raster e = image("expand", "Atelier Expand");
        assertEquals(List.of(top.width() + 16, top.height()), List.of(e.width(), e.height()));
        ImageAssert.assertPixelsEqual(daemonRun("expand", top, Map.of("right", 16)), e);
    }

    @Test
    void retouchWithoutASelectionAndUnknownOperationsRaiseAtelierErrorAndAddNoImage() {
        JsonObject r = cases.getAsJsonObject("retouch");
        assertEquals(r.get("imagesBefore"), r.get("imagesAfter"));
        assertEquals("MASK_REQUIRED", r.get("errorName").getAsString(), r.toString());
        assertTrue(r.get("error").getAsString().startsWith("Atelier: Retouch needs a selection"), r.toString());
        JsonObject u = cases.getAsJsonObject("no-such-op");
        assertEquals("UNKNOWN_OPERATION", u.get("errorName").getAsString(), u.toString());
        assertTrue(u.get("error").getAsString().startsWith("Atelier: unknown operation 'sharpen'; known: img2img"),
                u.toString());
    }

    @Test
    void sendRenderUsesTheLastRenderWrittenAndReloaded() throws Exception {
        Raster r = image("render", "Atelier Upscale");
        assertEquals(List.of(96, 64), List.of(r.width(), r.height()));
        assertEquals("PNG", report.get("renderFormatKept").getAsString());
        boolean someColour = false;
        for (int y = 0; y < r.height() && !someColour; y++) {
            for (int x = 0; x < r.width(); x++) {
                someColour |= r.get(x, y, 3) == 255 && (r.get(x, y, 0) | r.get(x, y, 1) | r.get(x, y, 2)) != 0;
            }
        }
        assertTrue(someColour, "the render came back empty");
    }

    @Test
    void prepFor3dRendersFourViewsAndTheCliPackagesThem() throws Exception {
        Path outDir = Files.createDirectories(dir.resolve("prep-out"));
        Path pkg = dir.resolve("package");
        int margin = 10;
        JsonObject cfg = new JsonObject();
        cfg.addProperty("in", dir.resolve("in").toString());
        cfg.addProperty("out", outDir.toString());
        cfg.addProperty("mode", "prep3d");
        cfg.addProperty("package", pkg.toString());
        cfg.addProperty("margin", margin);
        JsonObject r = runScript(cfg, outDir);
        JsonObject p = r.getAsJsonObject("prep3d");
        assertTrue(p.get("ok").getAsBoolean(), "Prep for 3D failed in Blender: " + p);
        System.out.printf("[host-blender e2e prep3d] renders + CLI took %.1f s%n", p.get("seconds").getAsDouble());
        assertEquals(pkg.resolve("manifest.json").toString(), p.get("manifest").getAsString());
        assertEquals("[\"Atelier Prep 3D: back\",\"Atelier Prep 3D: front\",\"Atelier Prep 3D: left\","
                + "\"Atelier Prep 3D: right\",\"Atelier Prep 3D: sheet\"]", p.get("images").toString());
        assertEquals("{\"camera\":true,\"floorVisible\":true,\"film\":false,\"x\":1920,\"cameras\":1}",
                p.get("restored").toString());
        assertEquals("Atelier: unknown view 'bottom'; known: front, right, back, left, top, three-quarter",
                r.get("badView").getAsString());

        JsonObject views = JsonParser.parseString(Files.readString(pkg.resolve("renders/views.json"))).getAsJsonObject();
        assertEquals(4, views.getAsJsonArray("views").size());
        JsonObject m = JsonParser.parseString(Files.readString(pkg.resolve("manifest.json"))).getAsJsonObject();
        assertEquals(1, m.get("format").getAsInt());
        assertEquals(512, m.get("size").getAsInt());
        assertEquals(margin, m.get("margin").getAsInt());
        assertEquals("transparent", m.get("background").getAsString());
        assertEquals("sheet.png", m.get("sheet").getAsString());
        Raster sheet = Png.read(pkg.resolve("sheet.png"), 1 << 24);
        assertEquals(List.of(1024, 1024), List.of(sheet.width(), sheet.height()));
        JsonArray entries = m.getAsJsonArray("views");
        List<String> names = List.of("front", "right", "back", "left");
        double[] azimuths = {0, 90, 180, 270};
        assertEquals(4, entries.size());
        for (int i = 0; i < 4; i++) {
            JsonObject v = entries.get(i).getAsJsonObject();
            String name = names.get(i);
            assertEquals(name, v.get("name").getAsString());
            assertEquals(name + ".png", v.get("file").getAsString());
            assertEquals(pkg.resolve("renders").resolve(name + ".png").toString(), v.get("source").getAsString());
            assertEquals(azimuths[i], v.get("azimuth").getAsDouble(), 1e-9);
            assertEquals(0, v.get("elevation").getAsDouble(), 1e-9);
            Raster render = Png.read(pkg.resolve("renders").resolve(name + ".png"), 1 << 20);
            assertEquals(List.of(128, 128), List.of(render.width(), render.height()));
            assertEquals(0, render.get(0, 0, 3), name + ": film not transparent or the floor was rendered");
            int[] rb = alphaBox(render, 1);
            JsonObject crop = v.getAsJsonObject("crop");
            assertEquals(List.of(rb[0], rb[1], rb[2] - rb[0], rb[3] - rb[1]), List.of(crop.get("x").getAsInt(),
                    crop.get("y").getAsInt(), crop.get("width").getAsInt(), crop.get("height").getAsInt()), name);
            double span = 512 * (1 - 2 * margin / 100.0);
            assertEquals(span / Math.max(rb[2] - rb[0], rb[3] - rb[1]), v.get("scale").getAsDouble(), 1e-6, name);

            Raster view = Png.read(pkg.resolve(name + ".png"), 1 << 24);
            assertEquals(List.of(512, 512), List.of(view.width(), view.height()), name);
            int[] b = alphaBox(view, 1); // the CLI crops to every pixel with some alpha
            double cx = (b[0] + b[2]) / 2.0;
            double cy = (b[1] + b[3]) / 2.0;
            assertEquals(256, cx, 1.0, name + " not centred horizontally: " + java.util.Arrays.toString(b));
            assertEquals(256, cy, 1.0, name + " not centred vertically: " + java.util.Arrays.toString(b));
            int longer = Math.max(b[2] - b[0], b[3] - b[1]);
            assertEquals(span, longer, 2.0, name + ": the object should span the square minus the margins");
            assertTrue(Math.min(Math.min(b[0], b[1]), Math.min(512 - b[2], 512 - b[3])) >= 512 * margin / 100 - 2,
                    name + ": margin " + java.util.Arrays.toString(b));
        }
    }

    /** {x0, y0, x1, y1} (exclusive) of the pixels with alpha >= threshold. */
    static int[] alphaBox(Raster r, int threshold) {
        int x0 = r.width();
        int y0 = r.height();
        int x1 = 0;
        int y1 = 0;
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                if (r.get(x, y, 3) >= threshold) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        assertTrue(x1 > x0 && y1 > y0, "no object in the image");
        return new int[] {x0, y0, x1, y1};
    }
}
