package dev.atelier.host.gimp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.daemon.Daemon;
import dev.atelier.inference.testing.FakeEngine;
import dev.atelier.inference.testing.FakeEngineProvider;
import dev.atelier.testkit.ImageAssert;
import dev.atelier.testkit.Requirements;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIMP's selection becomes Retouch's mask. The daemon runs the shared fake engine, whose retouch inverts exactly
 * the masked pixels, so the saved result shows which pixels the plug-in sent as selected.
 */
class GimpSelectionTest {

    @TempDir
    Path dir;
    private Daemon daemon;

    @BeforeEach
    void setUp() throws Exception {
        Requirements.host("gimp", RealGimp.gimp().isPresent(), "apt-get install gimp (GIMP 2.10)");
        FakeEngineProvider fake = new FakeEngineProvider();
        fake.engine().allowAll();
        daemon = RealGimp.startAndInstall(dir, false, fake);
    }

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void selectionIsTheRetouchMaskAndNoSelectionMeansEverything() throws Exception {
        Raster src = SeededImages.noise(4, 60, 40);
        Png.write(src, dir.resolve("src.png"));
        String out = RealGimp.batch(dir, """
                (define img (car (gimp-file-load RUN-NONINTERACTIVE "DIR/src.png" "src.png")))
                (define d (car (gimp-image-get-active-drawable img)))
                (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 10 5 20 15)
                (define r (car (plug-in-atelier-retouch RUN-NONINTERACTIVE img d "a hat" "" 8 16 6 24 2 7.0 1 1)))
                (gimp-message (string-append "ATELIER name=" (car (gimp-item-get-name r))))
                (file-png-save-defaults RUN-NONINTERACTIVE img r "DIR/sel.png" "sel.png")
                (gimp-selection-none img)
                (define all (car (plug-in-atelier-retouch RUN-NONINTERACTIVE img d "" "" 8 16 6 24 2 7.0 1 1)))
                (file-png-save-defaults RUN-NONINTERACTIVE img all "DIR/all.png" "all.png")
                (gimp-quit 0)
                """, java.util.Map.of());
        assertTrue(out.contains("ATELIER name=Atelier Retouch: a hat"), out);
        byte[] rect = new byte[60 * 40];
        for (int y = 5; y < 20; y++) {
            for (int x = 10; x < 30; x++) {
                rect[y * 60 + x] = (byte) 255;
            }
        }
        ImageAssert.assertPixelsEqual(FakeEngine.invertWhere(src, Mask.wrap(60, 40, rect)),
                Png.read(dir.resolve("sel.png"), 1 << 20));
        ImageAssert.assertPixelsEqual(FakeEngine.invert(src), Png.read(dir.resolve("all.png"), 1 << 20));
        assertEquals(2, daemon.queue().counts().done());
    }
}
