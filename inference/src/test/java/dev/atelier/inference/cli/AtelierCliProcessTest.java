package dev.atelier.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.testing.JavaProcess;
import dev.atelier.inference.testing.JavaProcess.Outcome;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as users run it: a separate process that starts the daemon by itself on first use. User mistakes give
 * one line and a non-zero exit, never a stack trace.
 */
class AtelierCliProcessTest {

    @TempDir
    static Path dir;

    private static Map<String, String> env;

    @BeforeAll
    static void environment() throws Exception {
        env = Map.of("ATELIER_SOCKET", dir.resolve("run/atelier.sock").toString(),
                "ATELIER_STATE_DIR", dir.resolve("state").toString());
        Png.write(SeededImages.shapes(1, 64, 48), dir.resolve("in.png"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        JavaProcess.run(dir, env, 30, "stop");
    }

    private static Outcome atelier(String... args) throws Exception {
        return JavaProcess.run(dir, env, 60, args);
    }

    private static void assertOneLineError(Outcome o, int exit, String expected) {
        assertEquals(exit, o.exit(), o.stderr());
        assertEquals("atelier: " + expected, o.stderr().strip());
        assertFalse(o.stderr().contains("\tat "), "stack trace printed: " + o.stderr());
    }

    @Test
    void upscaleExactlyAsTheReadmeShowsIt() throws Exception {
        Outcome o = atelier("run", "upscale", "--input", "in.png", "--set", "factor=2", "--output", "out.png");
        assertEquals(0, o.exit(), o.stderr());
        Raster out = Png.read(dir.resolve("out.png"), Long.MAX_VALUE);
        assertEquals(128, out.width());
        assertEquals(96, out.height());
        assertTrue(o.stdout().startsWith("upscale: wrote out.png (128x96)"), o.stdout());
    }

    @Test
    void statusShowsTheClassicalEngine() throws Exception {
        atelier("run", "detect", "--input", "in.png", "--output", "edges.png");
        Outcome o = atelier("status");
        assertEquals(0, o.exit(), o.stderr());
        assertTrue(o.stdout().contains("engine   classical"), o.stdout());
        assertTrue(Files.exists(dir.resolve("edges.png")));
    }

    @Test
    void panelsPrintsJsonDescriptors() throws Exception {
        Outcome o = atelier("panels");
        assertEquals(0, o.exit(), o.stderr());
        assertTrue(o.stdout().strip().startsWith("["), o.stdout());
        assertTrue(o.stdout().contains("\"id\": \"upscale\""), o.stdout());
    }

    @Test
    void unknownOperation() throws Exception {
        assertOneLineError(atelier("run", "sharpen", "--input", "in.png", "--output", "x.png"), 1,
                "Unknown operation 'sharpen'; known: img2img, retouch, expand, upscale, remove-background, detect, "
                        + "prep-3d [UNKNOWN_OPERATION]");
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    @Test
    void outOfRangeParameterNamesTheField() throws Exception {
        Outcome o = atelier("run", "upscale", "--input", "in.png", "--set", "factor=3", "--output", "x.png");
        assertEquals(1, o.exit());
        assertTrue(o.stderr().startsWith("atelier: upscale: factor: "), o.stderr());
        assertEquals(1, o.stderr().strip().lines().count(), o.stderr());
    }

    @Test
    void missingInputFile() throws Exception {
        assertOneLineError(atelier("run", "upscale", "--input", "nope.png", "--output", "x.png"), 2,
                "input file nope.png does not exist");
    }

    @Test
    void corruptInputFile() throws Exception {
        Files.write(dir.resolve("bad.png"), new byte[] {1, 2, 3, 4, 5});
        assertOneLineError(atelier("run", "upscale", "--input", "bad.png", "--output", "x.png"), 2,
                "cannot read input bad.png: Not a PNG image: only 5 bytes");
    }

    @Test
    void missingOutputOption() throws Exception {
        assertOneLineError(atelier("run", "upscale", "--input", "in.png"), 2, "run needs --output");
    }

    @Test
    void unknownCommand() throws Exception {
        assertOneLineError(atelier("paint"), 2, "unknown command 'paint' (try 'atelier help')");
    }

    @Test
    void prep3dOverAFolderWritesViewsSheetAndManifest() throws Exception {
        Path views = Files.createDirectories(dir.resolve("views"));
        Png.write(SeededImages.shapes(2, 120, 90, true), views.resolve("a.png"));
        Png.write(SeededImages.shapes(3, 80, 100, true), views.resolve("b.png"));
        Files.writeString(views.resolve("views.json"), "{\"views\":[{\"file\":\"a.png\",\"name\":\"front\","
                + "\"azimuth\":0,\"elevation\":10},{\"file\":\"b.png\",\"name\":\"left\",\"azimuth\":270,"
                + "\"elevation\":10}]}");
        Outcome o = atelier("run", "prep-3d", "--input", "views", "--output", "package", "--set", "size=512",
                "--set", "margin=15");
        assertEquals(0, o.exit(), o.stderr());
        com.google.gson.JsonObject m = com.google.gson.JsonParser.parseString(
                Files.readString(dir.resolve("package/manifest.json"))).getAsJsonObject();
        assertEquals(1, m.get("format").getAsInt());
        assertEquals(512, m.get("size").getAsInt());
        assertEquals(15, m.get("margin").getAsInt());
        assertEquals("transparent", m.get("background").getAsString());
        assertEquals(2, m.getAsJsonArray("views").size());
        com.google.gson.JsonObject left = m.getAsJsonArray("views").get(1).getAsJsonObject();
        assertEquals("left", left.get("name").getAsString());
        assertEquals(270, left.get("azimuth").getAsDouble());
        assertEquals(10, left.get("elevation").getAsDouble());
        assertTrue(left.getAsJsonObject("crop").get("width").getAsInt() > 0);
        assertTrue(left.get("scale").getAsDouble() > 0);
        Raster sheet = Png.read(dir.resolve("package/sheet.png"), Long.MAX_VALUE);
        assertEquals(1024, sheet.width());
        assertEquals(512, sheet.height());
        Raster front = Png.read(dir.resolve("package/front.png"), Long.MAX_VALUE);
        int minX = 512;
        int maxX = -1;
        int minY = 512;
        int maxY = -1;
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                if (front.get(x, y, 3) > 8) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertTrue(Math.abs(minX - (511 - maxX)) <= 1, "not centred horizontally: " + minX + ".." + maxX);
        assertTrue(Math.abs(minY - (511 - maxY)) <= 1, "not centred vertically: " + minY + ".." + maxY);
        int longer = Math.max(maxX - minX + 1, maxY - minY + 1);
        assertEquals(512 * 0.7, longer, 2, "the longer side should span the square minus two 15 % margins");
    }
}
