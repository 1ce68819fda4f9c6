package dev.atelier.core.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an image into overlapping tiles so engines with a fixed input size can process large images.
 *
 * <p>Regions are {@code tileSize} squares placed every {@code tileSize - overlap} pixels, so neighbours share
 * exactly {@code overlap} pixels; the last row and column are clipped to the image. Each shared strip is split in
 * its middle between the two cores, so seams fall where both tiles had context on both sides.
 */
public final class Tiles {

    private Tiles() {}

    /** Returns the tiles covering a {@code width} x {@code height} image, row by row, top-left first. */
    public static List<Tile> grid(int width, int height, int tileSize, int overlap) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (tileSize <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + tileSize);
        }
        if (overlap < 0 || overlap >= tileSize) {
            throw new IllegalArgumentException(
                    "overlap must be at least 0 and less than the tile size " + tileSize + ", got " + overlap);
        }
        int[][] xs = axis(width, tileSize, overlap);
        int[][] ys = axis(height, tileSize, overlap);
        List<Tile> tiles = new ArrayList<>(xs.length * ys.length);
        for (int[] y : ys) {
            for (int[] x : xs) {
                tiles.add(new Tile(new Bounds(x[0], y[0], x[1] - x[0], y[1] - y[0]),
                        new Bounds(x[2], y[2], x[3] - x[2], y[3] - y[2])));
            }
        }
        return List.copyOf(tiles);
    }

    /** Returns, per tile along one axis, {regionStart, regionEnd, coreStart, coreEnd}. */
    private static int[][] axis(int length, int tileSize, int overlap) {
        if (length <= tileSize) {
            return new int[][] {{0, length, 0, length}};
        }
        int step = tileSize - overlap;
        // Smallest count whose last region reaches the end: (count - 1) * step + tileSize >= length.
        int count = 1 + (int) ceilDiv((long) length - tileSize, step);
        int[][] spans = new int[count][];
        int coreStart = 0;
        for (int i = 0; i < count; i++) {
            int start = i * step;
            int end = (int) Math.min((long) start + tileSize, length);
            int coreEnd = i == count - 1 ? length : (i + 1) * step + overlap / 2;
            spans[i] = new int[] {start, end, coreStart, coreEnd};
            coreStart = coreEnd;
        }
        return spans;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
