package dev.atelier.host.krita;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.atelier.core.client.RemotePanel;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.engine.classical.LanczosUpscaler;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.inference.testing.FakeEngine;
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
 * The plug-in in real Krita 5, headless ({@code QT_QPA_PLATFORM=offscreen kritarunner}): installed with
 * KritaInstaller for a throwaway user, talking to a real daemon (classical engine for upscale/detect/expand, the
 * fake engine for img2img/retouch, nothing for the rest). One Krita run (src/test/krita/atelier_e2e.py) calls
 * {@code atelier.run} for every operation; the tests below read its report and compare the layers it dumped
 * with what the daemon gives directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KritaEndToEndTest {

    @TempDir
    static Path dir;
    private DaemonFixture daemon;
    private JsonObject cases;
    private Path out;
    private Raster top;
    private Raster small;

    @BeforeAll
    void runKrita() throws Exception {
        Requirements.host("krita", RealKrita.present(), RealKrita.HOW_TO_INSTALL);
        Path studio = AppWorkflows.studioFolder(dir); // the App exists only as this file
        daemon = new DaemonFixture(dir.resolve("daemon"),
                b -> b.optWorkflows(new WorkflowFolders(dir.resolve("user-workflows"), List.of(studio))));
        daemon.fake().allowAll();
        RealKrita krita = RealKrita.install(dir.resolve("user"), daemon.socket());
        Path in = Files.createDirectories(dir.resolve("in"));
        out = Files.createDirectories(dir.resolve("out"));
        top = EndToEnd.opaque(SeededImages.shapes(7, 40, 30));
        small = EndToEnd.opaque(SeededImages.noise(3, 32, 24));
        Files.write(in.resolve("bg.rgba"), SeededImages.gradient(64, 48).toByteArray());
        Files.write(in.resolve("top.rgba"), top.toByteArray());
        Files.write(in.resolve("small.rgba"), small.toByteArray());
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"in\": \"" + in + "\", \"out\": \"" + out + "\"}");
        String script = Path.of("src/test/krita").toAbsolutePath().toString();
        long t0 = System.nanoTime();
        String log = krita.run(List.of("kritarunner", "-s", "atelier_e2e", "-f", "main", config.toString()),
                Map.of("QT_QPA_PLATFORM", "offscreen", "PYTHONPATH", script + ":" + krita.pykrita),
                90, dir.resolve("krita.log"));
        System.out.printf("[host-krita e2e] kritarunner took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        JsonObject report = EndToEnd.report(out.resolve("report.json"), "Krita", LogTail.of(log));
        assertEquals(krita.pykrita.resolve("atelier/__init__.py").toString(), report.get("atelier").getAsString());
        cases = report.getAsJsonObject("cases");
    }

    @AfterAll
    void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** A case that succeeded: one more node in the document, named {@code layer}. */
    private JsonObject ok(String name, String layer) {
        return ok(name, layer, 1);
    }

    /** A case that succeeded with a node named {@code layer}, adding {@code added} nodes to the document. */
    private JsonObject ok(String name, String layer, int added) {
        JsonObject c = cases.getAsJsonObject(name);
        assertTrue(c.get("ok").getAsBoolean(), name + ": " + c);
        assertEquals(layer, c.get("name").getAsString(), c.toString());
        assertEquals(c.get("layersBefore").getAsInt() + added, c.get("layersAfter").getAsInt(), c.toString());
        return c;
    }

    private Raster layer(String name, JsonObject c, int x, int y) throws Exception {
        JsonArray b = c.getAsJsonArray("bounds");
        assertEquals(List.of(x, y), List.of(b.get(0).getAsInt(), b.get(1).getAsInt()), c.toString());
        return Raster.wrap(b.get(2).getAsInt(), b.get(3).getAsInt(), Files.readAllBytes(out.resolve(name + ".rgba")));
    }

    private Raster daemonRun(String op, Raster image, Map<String, Object> params) throws Exception {
        return EndToEnd.daemonRun(daemon.client(), op, image, params);
    }

    @Test
    void detectAddsALayerAtTheSourceOffsetWithTheDaemonsPixels() throws Exception {
        JsonObject c = ok("detect", "Atelier Detect");
        ImageAssert.assertPixelsEqual(daemonRun("detect", top, Map.of("mode", "canny", "low", 100, "high", 200,
                "line-weight", 1.0)), layer("detect", c, 10, 6));
        JsonObject l = ok("lineart", "Atelier Detect"); // field ids with dashes reach the daemon
        ImageAssert.assertPixelsEqual(daemonRun("detect", top, Map.of("mode", "lineart", "line-weight", 1.5)),
                layer("lineart", l, 10, 6));
    }

    @Test
    void img2imgThroughTheFakeEngine() throws Exception {
        JsonObject c = ok("img2img", "Atelier Img2Img: a cat");
        ImageAssert.assertPixelsEqual(FakeEngine.invert(top), layer("img2img", c, 10, 6));
    }

    @Test
    void aBatchAddsOneLayerPerImageWithTheFirstOnTop() throws Exception {
        JsonObject c = ok("img2img-batch", "Atelier Img2Img 1/3: a cat", 3);
        List<String> names = new java.util.ArrayList<>();
        c.getAsJsonArray("names").forEach(n -> names.add(n.getAsString()));
        int at = names.indexOf("top");
        assertEquals(List.of("top", "Atelier Img2Img 3/3: a cat", "Atelier Img2Img 2/3: a cat",
                "Atelier Img2Img 1/3: a cat"), names.subList(at, at + 4), names.toString());
        Raster inverted = FakeEngine.invert(top);
        ImageAssert.assertPixelsEqual(inverted, layer("img2img-batch", c, 10, 6));
        ImageAssert.assertPixelsEqual(FakeEngine.variation(inverted, 1), Raster.wrap(40, 30,
                Files.readAllBytes(out.resolve("img2img-batch-2.rgba"))));
    }

    @Test
    void retouchSendsTheSelectionAsMaskAndRefusesWithoutOne() throws Exception {
        JsonObject none = cases.getAsJsonObject("retouch-no-selection");
        assertFalse(none.get("ok").getAsBoolean(), none.toString());
        assertTrue(none.get("atelierError").getAsBoolean(), none.toString());
        assertEquals("Atelier: Retouch needs a selection; select the area to repaint first",
                none.get("error").getAsString());
        assertEquals(none.get("layersBefore"), none.get("layersAfter"));

        JsonObject c = ok("retouch", "Atelier Retouch: sky");
        byte[] mask = new byte[40 * 30];
        for (int y = 4; y < 12; y++) {     // selection 20,10 12x8 in the layer at 10,6
            for (int x = 10; x < 22; x++) {
                mask[y * 40 + x] = (byte) 255;
            }
        }
        ImageAssert.assertPixelsEqual(FakeEngine.invertWhere(top, Mask.wrap(40, 30, mask)), layer("retouch", c, 10, 6));
    }

    @Test
    void unavailableOperationsRaiseAtelierErrorAndChangeNothing() throws Exception {
        Map<String, String> titles = Map.of("remove-background", "Remove background", "prep-3d", "Prep for 3D");
        Map<String, Boolean> available = new java.util.HashMap<>();
        for (RemotePanel p : daemon.client().panels()) {
            available.put(p.descriptor().id(), p.available());
        }
        titles.forEach((name, title) -> {
            JsonObject c = cases.getAsJsonObject(name);
            if (available.get(name)) { // an engine arrived meanwhile: it either worked or failed cleanly
                assertEquals(c.get("layersBefore").getAsInt() + (c.get("ok").getAsBoolean() ? 1 : 0),
                        c.get("layersAfter").getAsInt(), c.toString());
                return;
            }
            assertFalse(c.get("ok").getAsBoolean(), c.toString());
            assertTrue(c.get("atelierError").getAsBoolean(), c.toString());
            assertEquals("OPERATION_UNAVAILABLE", c.get("errorName").getAsString(), c.toString());
            assertEquals("Atelier: " + title + " needs an engine that is not installed yet",
                    c.get("error").getAsString());
            assertEquals(c.get("layersBefore"), c.get("layersAfter"));
            assertEquals(c.get("docBefore"), c.get("docAfter"));
        });
    }

    @Test
    void expandGrowsTheDocumentWithTheContentAwareFill() throws Exception {
        JsonObject c = ok("expand", "Atelier Expand");
        assertEquals("[64,48]", c.get("docBefore").toString());
        assertEquals("[82,48]", c.get("docAfter").toString()); // the 40 px layer at x 10 grew 32 px right
        ImageAssert.assertPixelsEqual(daemonRun("expand", top, Map.of("right", 32)), layer("expand", c, 10, 6));
    }

    @Test
    void upscaleOpensANewDocumentAndMatchesLanczos() throws Exception {
        JsonObject c = ok("upscale", "Atelier Upscale", 0); // the result is in a new document
        assertEquals("[64,48]", c.get("docAfter").toString()); // the artist's document is left alone
        ImageAssert.assertPixelsEqual(LanczosUpscaler.upscale(top, 2), layer("upscale", c, 20, 12));
        assertTrue(Files.size(out.resolve("docA.png")) > 0);

        JsonObject d = ok("default-node", "Atelier Upscale", 0); // no view: the topmost layer
        ImageAssert.assertPixelsEqual(LanczosUpscaler.upscale(small, 2), layer("default-node", d, 0, 0));
    }

    @Test
    void anAppFromAWorkflowFileRunsLikeAnyPanel() throws Exception {
        JsonObject c = ok("app", "Atelier Edges 2x");
        assertEquals("[32,24]", c.get("docBefore").toString());
        assertEquals("[64,48]", c.get("docAfter").toString()); // the App's result covers the upscaled canvas
        Raster upscaled = daemonRun("upscale", small, Map.of("factor", "2", "preset", "precise"));
        Raster edges = daemonRun("detect", upscaled, Map.of("mode", "canny", "low", 40, "high", 200));
        ImageAssert.assertPixelsEqual(edges, layer("app", c, 0, 0));
    }

    @Test
    void sixteenBitIsConvertedAndFloatIsRefused() throws Exception {
        JsonObject c = ok("u16", "Atelier Detect");
        ImageAssert.assertPixelsEqual(daemonRun("detect", small, Map.of("mode", "canny")), layer("u16", c, 0, 0));
        JsonObject f = cases.getAsJsonObject("f32");
        assertFalse(f.get("ok").getAsBoolean(), f.toString());
        assertTrue(f.get("error").getAsString().startsWith("Atelier: this document is floating-point (F32); "
                + "convert it with Image ▸ Convert Image Color Space"), f.toString());
        assertEquals(f.get("layersBefore"), f.get("layersAfter"));
    }
}
