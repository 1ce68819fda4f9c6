package dev.atelier.inference.engine.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.engine.CancelToken;
import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CannyEdgesTest {

    private static final int N = 64;
    private static final int LO = 16;
    private static final int HI = 48;

    @Test
    void filledSquareGivesAClosedThinLoopOnItsBorder() throws Exception {
        Raster edges = CannyEdges.detect(TestImages.rect(N, N, LO, LO, HI, HI, 0xFFFFFFFF, 0x000000FF));
        assertEquals(N, edges.width());
        assertEquals(N, edges.height());
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                assertEquals(255, edges.get(x, y, 3), "opaque");
                if (on(edges, x, y)) {
                    // Every edge pixel lies within one pixel of the square's outline.
                    int d = Math.min(Math.min(Math.abs(x - LO), Math.abs(x - (HI - 1))),
                            Math.min(Math.abs(y - LO), Math.abs(y - (HI - 1))));
                    boolean nearBorder = x >= LO - 1 && x <= HI && y >= LO - 1 && y <= HI && d <= 1;
                    assertTrue(nearBorder, "stray edge at " + x + "," + y);
                }
            }
        }
        // One pixel wide: each row and column through the square crosses exactly two edge pixels.
        for (int k = LO + 4; k < HI - 4; k++) {
            int row = 0;
            int col = 0;
            for (int i = 0; i < N; i++) {
                row += on(edges, i, k) ? 1 : 0;
                col += on(edges, k, i) ? 1 : 0;
            }
            assertEquals(2, row, "row " + k);
            assertEquals(2, col, "column " + k);
        }
        // Closed: a 4-connected fill from the image corner never reaches the square's centre.
        assertTrue(!reachable(edges, 0, 0, N / 2, N / 2), "edge loop has a gap");
    }

    @Test
    void flatImageHasNoEdges() throws Exception {
        assertEquals(0, TestImages.countWhite(CannyEdges.detect(Raster.filled(40, 30, 0x808080FF))));
        assertEquals(0, TestImages.countWhite(CannyEdges.detect(Raster.filled(40, 30, 0x00000000))));
    }

    @Test
    void higherThresholdGivesFewerEdges() throws Exception {
        Raster img = gradientCircles(96);
        int prev = Integer.MAX_VALUE;
        for (double high : new double[] {10, 30, 60, 120}) {
            int n = TestImages.countWhite(CannyEdges.detect(img, 1.4, high / 2, high, CancelToken.none()));
            assertTrue(n <= prev, "high " + high + " gave " + n + " > " + prev);
            prev = n;
        }
        int loose = TestImages.countWhite(CannyEdges.detect(img, 1.4, 5, 10, CancelToken.none()));
        int strict = TestImages.countWhite(CannyEdges.detect(img, 1.4, 60, 120, CancelToken.none()));
        assertTrue(strict < loose, strict + " vs " + loose);
    }

    @Test
    void noiseDoesNotCreateEdgesAwayFromTheSquare() throws Exception {
        Raster clean = TestImages.rect(N, N, LO, LO, HI, HI, 0xC8C8C8FF, 0x323232FF);
        byte[] px = clean.toByteArray();
        Random rnd = new Random(7);
        for (int i = 0; i < px.length; i++) {
            if (i % 4 != 3) {
                px[i] = (byte) Math.max(0, Math.min(255, (px[i] & 0xff) + (int) Math.round(rnd.nextGaussian() * 8)));
            }
        }
        Raster edges = CannyEdges.detect(Raster.wrap(N, N, px));
        int stray = 0;
        int onBorder = 0;
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                if (!on(edges, x, y)) {
                    continue;
                }
                boolean near = x >= LO - 2 && x <= HI + 1 && y >= LO - 2 && y <= HI + 1
                        && !(x > LO + 2 && x < HI - 3 && y > LO + 2 && y < HI - 3);
                if (near) {
                    onBorder++;
                } else {
                    stray++;
                }
            }
        }
        assertEquals(0, stray, "edges from noise");
        assertTrue(onBorder >= 4 * (HI - LO) * 9 / 10, "square outline mostly found: " + onBorder);
    }

    @Test
    void rejectsBadThresholdsAndHonoursCancel() {
        Raster img = Raster.filled(8, 8, 0xFFFFFFFF);
        assertEquals(ErrorCode.INVALID_PARAMETERS, assertThrows(AtelierException.class,
                () -> CannyEdges.detect(img, 1.4, 50, 10, CancelToken.none())).code());
        CancelToken t = new CancelToken();
        t.cancel();
        assertEquals(ErrorCode.CANCELLED, assertThrows(AtelierException.class,
                () -> CannyEdges.detect(img, 1.4, 10, 30, t)).code());
    }

    private static Raster gradientCircles(int n) {
        byte[] px = new byte[4 * n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = 4 * (y * n + x);
                int v = x * 2;
                if (Math.hypot(x - 30, y - 30) < 18) {
                    v = 255 - y;
                }
                if (Math.hypot(x - 65, y - 65) < 22) {
                    v = (v + 60) % 256;
                }
                px[i] = (byte) v;
                px[i + 1] = (byte) v;
                px[i + 2] = (byte) v;
                px[i + 3] = (byte) 255;
            }
        }
        return Raster.wrap(n, n, px);
    }

    private static boolean on(Raster r, int x, int y) {
        return r.get(x, y, 0) == 255;
    }

    private static boolean reachable(Raster edges, int sx, int sy, int tx, int ty) {
        int w = edges.width();
        int h = edges.height();
        boolean[] seen = new boolean[w * h];
        ArrayDeque<int[]> q = new ArrayDeque<>();
        q.add(new int[] {sx, sy});
        seen[sy * w + sx] = true;
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        while (!q.isEmpty()) {
            int[] p = q.poll();
            if (p[0] == tx && p[1] == ty) {
                return true;
            }
            for (int[] s : steps) {
                int x = p[0] + s[0];
                int y = p[1] + s[1];
                if (x >= 0 && y >= 0 && x < w && y < h && !seen[y * w + x] && !on(edges, x, y)) {
                    seen[y * w + x] = true;
                    q.add(new int[] {x, y});
                }
            }
        }
        return false;
    }
}
