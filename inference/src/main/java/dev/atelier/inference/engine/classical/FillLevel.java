package dev.atelier.inference.engine.classical;

/**
 * One level of a fill's pyramid: premultiplied pixels as floats (0..255, {@code channels} of 4 compared; all four
 * stored), which pixels are unknown (the hole), and which patch centres may be copied from.
 */
final class FillLevel {

    final int width;
    final int height;
    /** Channels patch distances compare: 3 for opaque images, 4 when alpha varies. */
    final int channels;
    /** Interleaved R, G, B, A, premultiplied; hole pixels hold the current estimate. */
    final float[] px;
    final boolean[] hole;
    /** Patch centres whose whole patch lies inside the level and holds no hole pixel. */
    final boolean[] source;
    /** Indices of {@link #source} centres, for random picks. */
    final int[] sources;
    /** Patch centres whose whole patch lies inside the level and overlaps the hole. */
    final boolean[] target;
    final int radius;

    FillLevel(int width, int height, int channels, float[] px, boolean[] hole, int radius) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.px = px;
        this.hole = hole;
        this.radius = radius;
        this.source = new boolean[width * height];
        this.target = new boolean[width * height];
        int[] holeSoFar = columnHoleCounts(hole, width, height, radius);
        int count = 0;
        for (int y = radius; y < height - radius; y++) {
            for (int x = radius; x < width - radius; x++) {
                int holes = 0;
                for (int dx = -radius; dx <= radius; dx++) {
                    holes += holeSoFar[(y + radius + 1) * width + x + dx] - holeSoFar[(y - radius) * width + x + dx];
                }
                int i = y * width + x;
                source[i] = holes == 0;
                target[i] = holes > 0;
                if (holes == 0) {
                    count++;
                }
            }
        }
        sources = new int[count];
        for (int i = 0, k = 0; i < source.length; i++) {
            if (source[i]) {
                sources[k++] = i;
            }
        }
    }

    /** Prefix sums of hole pixels down each column: entry (y, x) counts rows 0..y-1. */
    private static int[] columnHoleCounts(boolean[] hole, int w, int h, int r) {
        int[] s = new int[(h + 1) * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                s[(y + 1) * w + x] = s[y * w + x] + (hole[y * w + x] ? 1 : 0);
            }
        }
        return s;
    }

    /** Returns the next coarser level: 2x2 averages of known pixels; a pixel is a hole if any child is. */
    FillLevel half() {
        int w = (width + 1) / 2;
        int h = (height + 1) / 2;
        float[] p = new float[4 * w * h];
        boolean[] holes = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int known = 0;
                boolean anyHole = false;
                int o = 4 * (y * w + x);
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int sx = Math.min(width - 1, 2 * x + dx);
                        int sy = Math.min(height - 1, 2 * y + dy);
                        int si = sy * width + sx;
                        if (hole[si]) {
                            anyHole = true;
                            continue;
                        }
                        known++;
                        for (int c = 0; c < 4; c++) {
                            p[o + c] += px[4 * si + c];
                        }
                    }
                }
                holes[y * w + x] = anyHole;
                if (known > 0) {
                    for (int c = 0; c < 4; c++) {
                        p[o + c] /= known;
                    }
                }
            }
        }
        return new FillLevel(w, h, channels, p, holes, radius);
    }

    /**
     * Gives every hole pixel a first value by growing the known colours inwards (each pass sets the pixels next
     * to known ones to their known neighbours' mean): smooth, and right at the hole's border.
     */
    void diffuseIntoHole() {
        boolean[] known = new boolean[hole.length];
        int unknown = 0;
        for (int i = 0; i < hole.length; i++) {
            known[i] = !hole[i];
            if (hole[i]) {
                unknown++;
            }
        }
        int[] front = new int[hole.length];
        while (unknown > 0) {
            int n = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = y * width + x;
                    if (known[i]) {
                        continue;
                    }
                    float[] sum = new float[4];
                    int k = 0;
                    for (int[] d : NEIGHBOURS) {
                        int nx = x + d[0];
                        int ny = y + d[1];
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height && known[ny * width + nx]) {
                            k++;
                            for (int c = 0; c < 4; c++) {
                                sum[c] += px[4 * (ny * width + nx) + c];
                            }
                        }
                    }
                    if (k > 0) {
                        for (int c = 0; c < 4; c++) {
                            px[4 * i + c] = sum[c] / k;
                        }
                        front[n++] = i;
                    }
                }
            }
            if (n == 0) {
                return; // nothing known at all: leave zeros
            }
            for (int j = 0; j < n; j++) {
                known[front[j]] = true;
            }
            unknown -= n;
        }
    }

    private static final int[][] NEIGHBOURS = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}, {-1, -1}, {1, -1}, {-1, 1}, {1, 1}};
}
