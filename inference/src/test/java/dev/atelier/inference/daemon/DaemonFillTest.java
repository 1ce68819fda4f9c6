package dev.atelier.inference.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.bench.FillImages;
import dev.atelier.inference.testing.DaemonFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retouch and Expand through a real socket on a daemon with no model: the content-aware fill answers. */
class DaemonFillTest {

    @TempDir
    Path dir;

    private DaemonFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = DaemonFixture.classicalOnly(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void retouchFillsTheSelectionAndLeavesTheRestAlone() throws Exception {
        Raster image = FillImages.stripes(160, 120);
        Mask hole = FillImages.centreHole(160, 120, 0.05);
        List<String> progress = new CopyOnWriteArrayList<>();
        var r = fixture.client().run(Submission.builder().setOperation("retouch").setImage(image).optMask(hole)
                .optParam("grow", 2).optParam("feather", 6).optParam("blend", 6).build(),
                (f, m, p) -> progress.add(m));
        assertEquals(160, r.canvasWidth());
        assertEquals(120, r.canvasHeight());
        assertTrue(r.notices().get(0).startsWith("No diffusion model is installed, so a content-aware fill"),
                r.notices().toString());
        assertTrue(r.metadata().get("plan").startsWith("Inpaint plan on a 160x120 canvas"));
        assertTrue(progress.stream().anyMatch(m -> m.startsWith("fill level")), progress.toString());
        // The stripes repeat, so the hole comes back almost exactly; around it nothing changed.
        for (int y = 0; y < r.image().height(); y++) {
            for (int x = 0; x < r.image().width(); x++) {
                int a = image.rgba(r.x() + x, r.y() + y);
                int b = r.image().rgba(x, y);
                for (int s = 0; s < 32; s += 8) {
                    assertTrue(Math.abs((a >>> s & 0xff) - (b >>> s & 0xff)) <= 2, "at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void expandGrowsTheCanvasAndKeepsTheOldImageInPlace() throws Exception {
        Raster image = FillImages.texture(128, 96);
        var r = fixture.client().run(Submission.builder().setOperation("expand").setImage(image)
                .optParam("left", 16).optParam("right", 32).optParam("band", 16).build(), null);
        assertEquals(176, r.canvasWidth());
        assertEquals(96, r.canvasHeight());
        assertEquals(-16, r.x());
        assertEquals(0, r.y());
        for (int y = 0; y < 96; y++) {
            for (int x = 8; x < 128 - 8; x++) { // beyond half the band: bit-identical
                assertEquals(image.rgba(x, y), r.image().rgba(x + 16, y));
            }
        }
        for (int y = 0; y < 96; y++) {
            assertEquals(255, r.image().get(0, y, 3), "the new area is painted, opaque");
        }
    }

    @Test
    void expandWithoutMarginsFollowsASelectionAtTheEdgeAndRefusesWithoutOne() throws Exception {
        Raster image = FillImages.texture(128, 96);
        byte[] strip = new byte[128 * 96];
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 20; x++) {
                strip[y * 128 + x] = (byte) 255;
            }
        }
        var r = fixture.client().run(Submission.builder().setOperation("expand").setImage(image)
                .optMask(Mask.wrap(128, 96, strip)).optParam("right", 0).build(), null);
        assertEquals(128 + 24, r.canvasWidth()); // the strip is 20 px wide: grow left by 24
        assertEquals(-24, r.x());
        AtelierException e = assertThrows(AtelierException.class, () -> fixture.client().run(Submission.builder()
                .setOperation("expand").setImage(image).optParam("right", 0).build(), null));
        assertEquals(ErrorCode.INVALID_PARAMETERS, e.code());
        assertEquals("Expand needs a margin above 0, an aspect ratio, or a selection touching the canvas "
                + "edge to grow towards", e.getMessage());
    }
}
