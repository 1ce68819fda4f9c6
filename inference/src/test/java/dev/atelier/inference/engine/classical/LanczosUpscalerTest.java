package dev.atelier.inference.engine.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.ColorSpace;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LanczosUpscalerTest {

    private static final ProgressSink NONE = ProgressSink.none();

    @Test
    void constantImageStaysExactlyConstantIncludingAlpha() throws Exception {
        for (int rgba : new int[] {0x4080C0B4, 0xFFFFFFFF, 0x000000FF, 0x01FE7F01, 0x10203040}) {
            Raster src = Raster.filled(13, 9, rgba);
            assertEquals(Raster.filled(26, 18, rgba), LanczosUpscaler.upscale(src, 2), Integer.toHexString(rgba));
            assertEquals(Raster.filled(104, 72, rgba), LanczosUpscaler.upscale(src, 8), Integer.toHexString(rgba));
            assertEquals(Raster.filled(31, 5, rgba), resize(src, 31, 5), Integer.toHexString(rgba));
        }
    }

    @Test
    void factorOneIsTheIdentity() throws Exception {
        Raster src = TestImages.smooth(40, 30);
        assertEquals(src, LanczosUpscaler.upscale(src, 1));
    }

    @Test
    void transparentPixelsDoNotBleedColourIntoEdges() throws Exception {
        // White disc on fully transparent *red*: without premultiplication the rim would turn pink/dark.
        int n = 32;
        byte[] px = new byte[4 * n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = 4 * (y * n + x);
                boolean in = Math.hypot(x - 15.5, y - 15.5) < 10;
                px[i] = (byte) 255;
                px[i + 1] = (byte) (in ? 255 : 0);
                px[i + 2] = (byte) (in ? 255 : 0);
                px[i + 3] = (byte) (in ? 255 : 0);
            }
        }
        Raster up = LanczosUpscaler.upscale(Raster.wrap(n, n, px), 4);
        int rim = 0;
        for (int y = 0; y < up.height(); y++) {
            for (int x = 0; x < up.width(); x++) {
                int a = up.get(x, y, 3);
                if (a == 0) {
                    continue;
                }
                if (a < 255) {
                    rim++;
                }
                for (int c = 0; c < 3; c++) {
                    assertTrue(up.get(x, y, c) >= 254, "fringe at " + x + "," + y + " channel " + c);
                }
            }
        }
        assertTrue(rim > 100, "expected an antialiased rim, got " + rim + " partial pixels");
    }

    @Test
    void linearLightRampStaysMonotonic() throws Exception {
        int w = 64;
        byte[] px = new byte[4 * w * 3];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < w; x++) {
                int v = ColorSpace.toSrgb8(x / (w - 1f));
                int i = 4 * (y * w + x);
                px[i] = (byte) v;
                px[i + 1] = (byte) v;
                px[i + 2] = (byte) v;
                px[i + 3] = (byte) 255;
            }
        }
        Raster up = LanczosUpscaler.upscale(Raster.wrap(w, 3, px), 4);
        for (int y = 0; y < up.height(); y++) {
            for (int x = 1; x < up.width(); x++) {
                assertTrue(up.get(x, y, 0) >= up.get(x - 1, y, 0), "ramp dips at " + x + "," + y);
            }
        }
        assertEquals(0, up.get(0, 0, 0));
        assertEquals(255, up.get(up.width() - 1, 0, 0));
    }

    @Test
    void outputSizeIsExact() throws Exception {
        Raster src = TestImages.smooth(37, 23);
        Raster up = LanczosUpscaler.upscale(src, 4);
        assertEquals(148, up.width());
        assertEquals(92, up.height());
        Raster any = resize(src, 100, 61);
        assertEquals(100, any.width());
        assertEquals(61, any.height());
        Raster down = resize(src, 5, 3);
        assertEquals(5, down.width());
        assertEquals(3, down.height());
        Raster one = resize(src, 1, 1);
        assertEquals(1, one.width());
    }

    @Test
    void downscaleThenUpscaleOfSmoothImageStaysClose() throws Exception {
        Raster src = TestImages.smooth(256, 192);
        Raster round = LanczosUpscaler.upscale(resize(src, 128, 96), 2);
        double psnr = TestImages.psnr(src, round);
        // Recorded margin: measured 54.7 dB when written; a wrong kernel or misaligned centres drops far below.
        assertTrue(psnr > 50, "PSNR " + psnr);
    }

    @Test
    void resultDoesNotDependOnThreadsOrStripHeight() throws Exception {
        Raster src = TestImages.smooth(61, 47);
        Raster ref = LanczosUpscaler.resize(src, 183, 141, 1, 128, NONE, CancelToken.none());
        for (int threads : new int[] {1, 4}) {
            for (int strip : new int[] {1, 7, 64, 1000}) {
                assertEquals(ref, LanczosUpscaler.resize(src, 183, 141, threads, strip, NONE, CancelToken.none()),
                        threads + " threads, strip " + strip);
            }
        }
        Raster down = LanczosUpscaler.resize(src, 20, 13, 1, 128, NONE, CancelToken.none());
        assertEquals(down, LanczosUpscaler.resize(src, 20, 13, 3, 2, NONE, CancelToken.none()));
    }

    @Test
    void cancelledTokenStopsWithCancelled() {
        CancelToken token = new CancelToken();
        token.cancel();
        AtelierException e = assertThrows(AtelierException.class,
                () -> LanczosUpscaler.upscale(TestImages.smooth(64, 64), 2, 2, NONE, token));
        assertEquals(ErrorCode.CANCELLED, e.code());
    }

    @Test
    void cancelDuringRunStopsBeforeTheEnd() {
        CancelToken token = new CancelToken();
        List<Double> seen = new ArrayList<>();
        ProgressSink cancelAtFirst = (f, m) -> {
            seen.add(f);
            token.cancel();
        };
        AtelierException e = assertThrows(AtelierException.class,
                () -> LanczosUpscaler.resize(TestImages.smooth(64, 64), 256, 256, 1, 4, cancelAtFirst, token));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertTrue(seen.size() < 64 / 4, "ran on after cancel: " + seen.size() + " strips");
    }

    @Test
    void progressIsMonotonicAndEndsAtOne() throws Exception {
        List<Double> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        LanczosUpscaler.resize(TestImages.smooth(50, 50), 200, 200, 3, 16, (f, m) -> {
            fractions.add(f);
            messages.add(m);
        }, CancelToken.none());
        assertEquals(13, fractions.size());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) > fractions.get(i - 1));
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        assertEquals("upscaling strip 13/13", messages.get(messages.size() - 1));
    }

    @Test
    void rejectsBadParameters() {
        Raster src = TestImages.smooth(8, 8);
        assertEquals(ErrorCode.INVALID_PARAMETERS, assertThrows(AtelierException.class,
                () -> LanczosUpscaler.upscale(src, 0)).code());
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, assertThrows(AtelierException.class,
                () -> LanczosUpscaler.resize(src, 50000, 50000, 1, NONE, CancelToken.none())).code());
    }

    @Test
    void upscaleTo16kFitsInABoundedHeap() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "-Xmx1600m", "-cp", System.getProperty("java.class.path"),
                LanczosMemoryProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), output);
    }

    private static Raster resize(Raster src, int w, int h) throws AtelierException {
        return LanczosUpscaler.resize(src, w, h, 2, NONE, CancelToken.none());
    }
}
