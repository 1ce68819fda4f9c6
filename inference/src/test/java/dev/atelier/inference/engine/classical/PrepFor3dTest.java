package dev.atelier.inference.engine.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Background;
import dev.atelier.core.operation.Prep3dRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import org.junit.jupiter.api.Test;

class PrepFor3dTest {

    /** A transparent w x h image with an opaque red box at {@code box}. */
    private static Raster render(int w, int h, Bounds box) {
        byte[] px = new byte[4 * w * h];
        for (int y = box.y(); y < box.bottom(); y++) {
            for (int x = box.x(); x < box.right(); x++) {
                int i = 4 * (y * w + x);
                px[i] = (byte) 220;
                px[i + 1] = 30;
                px[i + 2] = 30;
                px[i + 3] = (byte) 255;
            }
        }
        return Raster.wrap(w, h, px);
    }

    private static PrepFor3d.Prepared prep(Raster src, Prep3dRequest r) throws AtelierException {
        return PrepFor3d.prepare(src, r, 2, ProgressSink.none(), CancelToken.none());
    }

    @Test
    void objectIsCroppedScaledToTheMarginAndCentred() throws Exception {
        Raster src = render(300, 200, new Bounds(50, 40, 100, 60));
        PrepFor3d.Prepared p = prep(src, new Prep3dRequest(512, 10, Background.TRANSPARENT, true));
        assertEquals(new Bounds(50, 40, 100, 60), p.crop());
        assertEquals(512 * 0.8 / 100, p.scale(), 1e-9);
        Bounds placed = PrepFor3d.objectBounds(p.image());
        // 410 x 246 centred on 512: margins of 51 left/right and 133 top/bottom (one pixel of filter fringe allowed).
        assertEquals(51, placed.x(), 1);
        assertEquals(133, placed.y(), 1);
        assertEquals(410, placed.width(), 2);
        assertEquals(246, placed.height(), 2);
        assertEquals(0xdc1e1eff, p.image().rgba(256, 256));
        assertEquals(0, p.image().rgba(5, 5));
    }

    @Test
    void smallObjectsKeepTheirPixelsWhenUpscalingIsOff() throws Exception {
        Raster src = render(64, 64, new Bounds(10, 20, 30, 16));
        PrepFor3d.Prepared p = prep(src, new Prep3dRequest(256, 10, Background.WHITE, false));
        assertEquals(1.0, p.scale());
        assertEquals(0xdc1e1eff, p.image().rgba(113, 120)); // object at ((256-30)/2, (256-16)/2) = (113, 120)
        assertEquals(0xffffffff, p.image().rgba(112, 120));
        assertEquals(0xffffffff, p.image().rgba(0, 0));
    }

    @Test
    void greyBackgroundIsOpaqueEverywhere() throws Exception {
        Raster out = prep(render(64, 64, new Bounds(8, 8, 48, 48)),
                new Prep3dRequest(256, 10, Background.GREY, true)).image();
        for (int[] xy : new int[][] {{0, 0}, {255, 255}, {128, 128}}) {
            assertEquals(255, out.get(xy[0], xy[1], 3));
        }
        assertEquals(0x808080ff, out.rgba(0, 0));
    }

    @Test
    void anOpaqueImageNeedsACutOutFirst() {
        AtelierException e = assertThrows(AtelierException.class,
                () -> prep(Raster.filled(32, 32, 0x336699ff), new Prep3dRequest(256, 10, Background.WHITE, true)));
        assertEquals(ErrorCode.OPERATION_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().startsWith("Prep for 3D needs the object cut out"), e.getMessage());
    }

    @Test
    void aFullyTransparentImageHasNoObject() {
        AtelierException e = assertThrows(AtelierException.class,
                () -> prep(Raster.filled(32, 32, 0), new Prep3dRequest(256, 10, Background.WHITE, true)));
        assertEquals(ErrorCode.INVALID_PARAMETERS, e.code());
    }
}
