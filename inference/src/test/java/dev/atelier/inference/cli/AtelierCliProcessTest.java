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
}
