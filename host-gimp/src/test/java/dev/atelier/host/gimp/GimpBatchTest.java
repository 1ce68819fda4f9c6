package dev.atelier.host.gimp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.Submission;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.inference.bench.FillImages;
import dev.atelier.inference.daemon.Daemon;
import dev.atelier.inference.diffusion.TinySdModels;
import dev.atelier.inference.engine.diffusion.DiffusionEngineProvider;
import dev.atelier.testkit.ImageAssert;
import dev.atelier.testkit.Requirements;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch in a real GIMP: one layer per image, "1/N" on top, each the daemon's own image for its seed. */
class GimpBatchTest {

    @TempDir
    Path dir;

    @Test
    void layerNamesNumberTheImagesOfABatchOnly() {
        assertEquals("Atelier Img2Img: a cat", GimpPlugin.layerName("Atelier Img2Img: a cat", 0, 1));
        assertEquals("Atelier Img2Img 2/3: a cat", GimpPlugin.layerName("Atelier Img2Img: a cat", 1, 3));
        assertEquals("Atelier Retouch 1/2", GimpPlugin.layerName("Atelier Retouch", 0, 2));
    }

    @Test
    void img2imgWithABatchOfTwoAddsTwoLayers() throws Exception {
        Requirements.host("gimp", RealGimp.gimp().isPresent(), "apt-get install gimp (GIMP 2.10)");
        Raster src = FillImages.stripes(48, 32);
        Png.write(src, dir.resolve("src.png"));
        Path store = TinySdModels.install(dir.resolve("store"), "tiny-sd", false, false);
        try (Daemon daemon = RealGimp.startAndInstall(dir, true, new DiffusionEngineProvider(store))) {
            String out = RealGimp.batch(dir, """
                    (define (say . xs) (gimp-message (apply string-append "ATELIER " xs)))
                    (define (n x) (number->string x))
                    (define img (car (gimp-file-load RUN-NONINTERACTIVE "DIR/src.png" "src.png")))
                    (define d (car (gimp-image-get-active-drawable img)))
                    (define l (car (plug-in-atelier-img2img RUN-NONINTERACTIVE img d "a cat" "" 30 4 1.0 42 2)))
                    (define all (cadr (gimp-image-get-layers img)))
                    (say "layers=" (n (car (gimp-image-get-layers img))) " returned=" (car (gimp-item-get-name l))
                      " top=" (car (gimp-item-get-name (aref all 0)))
                      " second=" (car (gimp-item-get-name (aref all 1))))
                    (file-png-save-defaults RUN-NONINTERACTIVE img (aref all 0) "DIR/one.png" "one.png")
                    (file-png-save-defaults RUN-NONINTERACTIVE img (aref all 1) "DIR/two.png" "two.png")
                    (gimp-quit 0)
                    """, Map.of());
            assertTrue(out.contains("ATELIER layers=3 returned=Atelier Img2Img 1/2: a cat top=Atelier Img2Img 1/2: "
                    + "a cat second=Atelier Img2Img 2/2: a cat"), out);
            OperationResult expected;
            ClientOptions options = ClientOptions.builder().setSocket(dir.resolve("run/atelier.sock")).build();
            try (DaemonClient c = DaemonClient.connect(options)) {
                expected = c.run(Submission.builder().setOperation("img2img").setImage(src)
                        .optParam("prompt", "a cat").optParam("influence", 30).optParam("steps", 4)
                        .optParam("guidance", 1.0).optParam("seed", 42).optParam("batch-count", 2).build(), null);
            }
            ImageAssert.assertPixelsEqual(expected.image(), Png.read(dir.resolve("one.png"), 1 << 20));
            ImageAssert.assertPixelsEqual(expected.variations().get(0), Png.read(dir.resolve("two.png"), 1 << 20));
        }
    }
}
