package dev.atelier.host.gimp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.Submission;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.host.gimp.install.GimpInstaller;
import dev.atelier.inference.bench.FillImages;
import dev.atelier.inference.daemon.Daemon;
import dev.atelier.inference.engine.classical.ClassicalEngineProvider;
import dev.atelier.inference.engine.classical.LanczosUpscaler;
import dev.atelier.inference.workflow.WorkflowFolders;
import dev.atelier.testkit.AppWorkflows;
import dev.atelier.testkit.ImageAssert;
import dev.atelier.testkit.Requirements;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plug-in in a real GIMP 2.10, headless ({@code gimp -i -b -}): installed with {@link GimpInstaller} into a
 * throwaway config folder, talking to a real daemon (classical engine only) on a socket in a temp folder. GIMP's
 * exit code is always 0, so the checks read the files and the messages the Script-Fu program prints.
 */
class GimpEndToEndTest {


    @TempDir
    Path dir;
    private Daemon daemon;
    private Path socket;

    @BeforeEach
    void setUp() throws Exception {
        Requirements.host("gimp", RealGimp.gimp().isPresent(), "apt-get install gimp (GIMP 2.10)");
        socket = dir.resolve("run/atelier.sock");
        Path studio = AppWorkflows.studioFolder(dir); // an App that exists only as this workflow file
        daemon = RealGimp.startAndInstall(dir, true, new WorkflowFolders(dir.resolve("user-workflows"),
                List.of(studio)), new ClassicalEngineProvider());
    }

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void upscaleDetectAndUnavailablePanelsInRealGimp() throws Exception {
        Raster bg = SeededImages.gradient(64, 48);
        Raster top = SeededImages.shapes(7, 40, 30);
        Png.write(bg, dir.resolve("bg.png"));
        Png.write(top, dir.resolve("top.png"));
        String out = gimpBatch("""
                (define (say . xs) (gimp-message (apply string-append "ATELIER " xs)))
                (define (n x) (number->string x))
                (define (layers img) (n (car (gimp-image-get-layers img))))
                (define (where d) (string-append (n (car (gimp-drawable-offsets d))) ","
                  (n (cadr (gimp-drawable-offsets d))) " " (n (car (gimp-drawable-width d))) "x"
                  (n (car (gimp-drawable-height d)))))
                (define img (car (gimp-file-load RUN-NONINTERACTIVE "DIR/bg.png" "bg.png")))
                (define top (car (gimp-file-load-layer RUN-NONINTERACTIVE img "DIR/top.png")))
                (gimp-image-insert-layer img top 0 -1)
                (gimp-layer-set-offsets top 10 6)
                (define det (car (plug-in-atelier-detect RUN-NONINTERACTIVE img top "canny" 100 200 1.0)))
                (say "detect layers=" (layers img) " name=" (car (gimp-item-get-name det)) " at=" (where det))
                (file-png-save-defaults RUN-NONINTERACTIVE img det "DIR/det.png" "det.png")
                (plug-in-atelier-img2img RUN-NONINTERACTIVE img top "a cat" "" 50 25 7.0 -1 1)
                (say "img2img layers=" (layers img))
                (plug-in-atelier-remove-background RUN-NONINTERACTIVE img top "white" 0)
                (plug-in-atelier-prep-3d RUN-NONINTERACTIVE img top 512 10 "grey" 1)
                (say "unavailable layers=" (layers img) " image=" (n (car (gimp-image-width img))))
                (define rgb (car (gimp-image-new 32 24 RGB)))
                (define rl (car (gimp-layer-new rgb 32 24 RGB-IMAGE "opaque" 100 LAYER-MODE-NORMAL)))
                (gimp-image-insert-layer rgb rl 0 -1)
                (gimp-drawable-fill rl FILL-WHITE)
                (define ru (car (plug-in-atelier-upscale RUN-NONINTERACTIVE rgb rl 2 "precise")))
                (say "rgb layers=" (layers rgb) " at=" (where ru))
                (define up (car (plug-in-atelier-upscale RUN-NONINTERACTIVE img top 2 "precise")))
                (say "upscale layers=" (layers img) " image=" (n (car (gimp-image-width img))) "x"
                  (n (car (gimp-image-height img))) " name=" (car (gimp-item-get-name up)) " at=" (where up))
                (file-png-save-defaults RUN-NONINTERACTIVE img up "DIR/up.png" "up.png")
                (define gray (car (gimp-image-new 32 24 GRAY)))
                (define gl (car (gimp-layer-new gray 32 24 GRAY-IMAGE "g" 100 LAYER-MODE-NORMAL)))
                (gimp-image-insert-layer gray gl 0 -1)
                (gimp-drawable-fill gl FILL-WHITE)
                (define gd (car (plug-in-atelier-detect RUN-NONINTERACTIVE gray gl "lineart" 100 200 1.0)))
                (say "gray layers=" (layers gray) " type=" (n (car (gimp-drawable-type gd))))
                (gimp-image-convert-indexed img CONVERT-DITHER-NONE CONVERT-PALETTE-GENERATE 16 FALSE FALSE "")
                (plug-in-atelier-detect RUN-NONINTERACTIVE img top "canny" 100 200 1.0)
                (say "indexed layers=" (layers img))
                (gimp-quit 0)
                """, Map.of());

        // Detect: a new layer at the source layer's offset, pixel-identical to the daemon's own answer.
        assertTrue(out.contains("ATELIER detect layers=3 name=Atelier Detect at=10,6 40x30"), out);
        Raster expectedEdges;
        try (DaemonClient c = DaemonClient.connect(ClientOptions.builder().setSocket(socket).build())) {
            expectedEdges = c.run(Submission.builder().setOperation("detect").setImage(top).optParam("mode", "canny")
                    .optParam("low", 100).optParam("high", 200).optParam("line-weight", 1.0).build(), null).image();
        }
        ImageAssert.assertPixelsEqual(expectedEdges, Png.read(dir.resolve("det.png"), 1 << 20));

        // An operation without an engine: one clear line, and the image is untouched.
        assertTrue(out.contains("plug-in-atelier-img2img failed: Atelier: Img2Img needs an engine that is not "
                + "installed yet"), out);
        assertTrue(out.contains("ATELIER img2img layers=3"), out);
        assertTrue(out.contains("failed: Atelier: Remove background needs an engine that is not installed yet"),
                out);
        // Prep for 3D runs without a model, but only on a cut-out: an opaque layer gets the reason.
        assertTrue(out.contains("failed: Atelier: Prep for 3D needs the object cut out"), out);
        assertTrue(out.contains("ATELIER unavailable layers=3 image=64"), out); // nothing changed, canvas included

        // A layer without alpha (3 bytes per pixel through the tile API) works too.
        assertTrue(out.contains("ATELIER rgb layers=2 at=0,0 64x48"), out);

        // Upscale: the image doubles, the result sits at the doubled offset, pixels as Lanczos gives in-process.
        assertTrue(out.contains("ATELIER upscale layers=4 image=128x96 name=Atelier Upscale at=20,12 80x60"), out);
        ImageAssert.assertPixelsEqual(LanczosUpscaler.upscale(top, 2), Png.read(dir.resolve("up.png"), 1 << 20));

        // Grey images get a grey result layer (GRAYA = 3); indexed ones are refused with a hint.
        assertTrue(out.contains("ATELIER gray layers=2 type=3"), out);
        assertTrue(out.contains("Atelier: indexed images are not supported; convert to RGB"), out);
        assertTrue(out.contains("ATELIER indexed layers=4"), out);
    }

    @Test
    void anAppFromAWorkflowFileIsAProcedureLikeAnyPanel() throws Exception {
        Raster src = SeededImages.shapes(3, 32, 24);
        Png.write(src, dir.resolve("src.png"));
        String out = gimpBatch("""
                (define (n x) (number->string x))
                (define img (car (gimp-file-load RUN-NONINTERACTIVE "DIR/src.png" "src.png")))
                (define d (car (gimp-image-get-active-drawable img)))
                (define a (car (plug-in-atelier-edges-2x RUN-NONINTERACTIVE img d 2 40)))
                (gimp-message (string-append "ATELIER app name=" (car (gimp-item-get-name a))
                  " image=" (n (car (gimp-image-width img))) "x" (n (car (gimp-image-height img)))
                  " at=" (n (car (gimp-drawable-offsets a))) "," (n (cadr (gimp-drawable-offsets a)))))
                (file-png-save-defaults RUN-NONINTERACTIVE img a "DIR/app.png" "app.png")
                (gimp-quit 0)
                """, Map.of());
        // The result covers the upscaled canvas: the image grew to it, the layer sits at its corner.
        assertTrue(out.contains("ATELIER app name=Atelier Edges 2x image=64x48 at=0,0"), out);
        Raster expected;
        try (DaemonClient c = DaemonClient.connect(ClientOptions.builder().setSocket(socket).build())) {
            Raster up = c.run(Submission.builder().setOperation("upscale").setImage(src).optParam("factor", "2")
                    .optParam("preset", "precise").build(), null).image();
            expected = c.run(Submission.builder().setOperation("detect").setImage(up).optParam("mode", "canny")
                    .optParam("low", 40).optParam("high", 200).build(), null).image();
        }
        ImageAssert.assertPixelsEqual(expected, Png.read(dir.resolve("app.png"), 1 << 20));
        // The installer, run with the daemon up, wrote the App's dialog next to the built-ins'.
        assertTrue(java.nio.file.Files.readString(dir.resolve("config/GIMP/2.10/" + GimpInstaller.SCRIPT))
                .contains("plug-in-atelier-edges-2x"));
    }

    @Test
    void survivesJitTrapsThanksToLibjsig() throws Exception {
        Png.write(SeededImages.gradient(32, 24), dir.resolve("in.png"));
        String out = gimpBatch("""
                (define img (car (gimp-file-load RUN-NONINTERACTIVE "DIR/in.png" "in.png")))
                (define d (car (gimp-image-get-active-drawable img)))
                (define l (car (plug-in-atelier-detect RUN-NONINTERACTIVE img d "canny" 100 200 1.0)))
                (gimp-message (string-append "ATELIER stress layers=" (number->string (car (gimp-image-get-layers img)))))
                (gimp-quit 0)
                """, Map.of(GimpPlugin.STRESS_ENV, "1"));
        assertTrue(out.contains("stress ok: npes=1000000"), out);
        assertTrue(out.contains("ATELIER stress layers=2"), out);
        assertTrue(!out.contains("Plug-in crashed"), out);
    }

    @Test
    void retouchAndExpandFillFromTheImageWithoutAModel() throws Exception {
        Raster src = FillImages.stripes(96, 64);
        Png.write(src, dir.resolve("src.png"));
        String out = gimpBatch("""
                (define (say . xs) (gimp-message (apply string-append "ATELIER " xs)))
                (define (n x) (number->string x))
                (define img (car (gimp-file-load RUN-NONINTERACTIVE "DIR/src.png" "src.png")))
                (define d (car (gimp-image-get-active-drawable img)))
                (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 40 24 16 12)
                (define r (car (plug-in-atelier-retouch RUN-NONINTERACTIVE img d "" "" 2 6 6 6 25 7.0 -1 1)))
                (say "retouch name=" (car (gimp-item-get-name r)) " at=" (n (car (gimp-drawable-offsets r))) ","
                  (n (cadr (gimp-drawable-offsets r))))
                (file-png-save-defaults RUN-NONINTERACTIVE img r "DIR/retouch.png" "retouch.png")
                (gimp-selection-none img)
                (define e (car (plug-in-atelier-expand RUN-NONINTERACTIVE img d 16 0 32 0 "free" 16 "" "" 25 7.0 -1 1)))
                (say "expand image=" (n (car (gimp-image-width img))) "x" (n (car (gimp-image-height img)))
                  " at=" (n (car (gimp-drawable-offsets e))) "," (n (cadr (gimp-drawable-offsets e)))
                  " layers=" (n (car (gimp-image-get-layers img))))
                (file-png-save-defaults RUN-NONINTERACTIVE img e "DIR/expand.png" "expand.png")
                (gimp-quit 0)
                """, Map.of());
        // Retouch: the selection became the mask; the layer is the daemon's own answer for that mask.
        assertTrue(out.contains("ATELIER retouch name=Atelier Retouch at="), out);
        byte[] rect = new byte[96 * 64];
        for (int y = 24; y < 36; y++) {
            java.util.Arrays.fill(rect, y * 96 + 40, y * 96 + 56, (byte) 255);
        }
        OperationResult expected;
        try (DaemonClient c = DaemonClient.connect(ClientOptions.builder().setSocket(socket).build())) {
            expected = c.run(Submission.builder().setOperation("retouch").setImage(src)
                    .optMask(Mask.wrap(96, 64, rect)).optParam("grow", 2).optParam("feather", 6)
                    .optParam("padding", 6).optParam("blend", 6).build(), null);
        }
        assertTrue(out.contains("at=" + expected.x() + "," + expected.y()), out);
        ImageAssert.assertPixelsEqual(expected.image(), Png.read(dir.resolve("retouch.png"), 1 << 20));
        // Expand: the canvas grew 16 left and 32 right; the old layers kept their place in the picture.
        assertTrue(out.contains("ATELIER expand image=144x64 at=0,0 layers=3"), out);
        Raster expanded = Png.read(dir.resolve("expand.png"), 1 << 20);
        for (int y = 0; y < 64; y++) {
            for (int x = 8; x < 88; x++) { // beyond half the band the old pixels are untouched
                assertEquals(src.rgba(x, y), expanded.rgba(x + 16, y));
            }
        }
    }

    private String gimpBatch(String program, Map<String, String> env) throws Exception {
        return RealGimp.batch(dir, program, env);
    }
}
