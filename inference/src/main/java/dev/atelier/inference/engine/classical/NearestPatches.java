package dev.atelier.inference.engine.classical;

/**
 * PatchMatch's nearest-neighbour field on one {@link FillLevel}: for every target patch centre, the source centre
 * whose patch looks most alike (sum of squared differences), improved by propagation from the neighbours already
 * visited and by a random search at halving radii (Barnes et al., 2009). Rows are split into bands that are
 * searched independently, each with its own seeded generator, so the field is the same on any number of threads.
 */
final class NearestPatches {

    /** The most bands per sweep; a band has at least {@link #BAND_ROWS} rows so propagation can travel. */
    static final int MAX_BANDS = 16;
    static final int BAND_ROWS = 48;

    private final FillLevel level;
    /** Source centre index per pixel; meaningful at target centres. */
    final int[] nn;
    /** Squared distance of each target's patch to its source's. */
    final float[] cost;

    NearestPatches(FillLevel level) {
        this.level = level;
        this.nn = new int[level.width * level.height];
        this.cost = new float[nn.length];
    }

    /** Random sources for every target (the coarsest level's start). */
    void randomise(long seed) {
        long s = seed;
        int[] sources = level.sources;
        for (int i = 0; i < nn.length; i++) {
            if (level.target[i]) {
                s = next(s);
                nn[i] = sources[(int) Long.remainderUnsigned(s, sources.length)];
            }
        }
    }

    /** Starts from the coarser level's field: the same offsets, doubled. */
    void upsample(NearestPatches coarse, long seed) {
        FillLevel c = coarse.level;
        int w = level.width;
        long s = seed;
        for (int y = 0; y < level.height; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!level.target[i]) {
                    continue;
                }
                // Near the border the coarse pixel may lie where no patch centre fits: take the nearest centre
                // that does, and keep the offset to it, or border strips would start from random matches.
                int r = c.radius;
                int cx = Math.max(r, Math.min(c.width - 1 - r, x / 2));
                int cy = Math.max(r, Math.min(c.height - 1 - r, y / 2));
                int ci = cy * c.width + cx;
                int candidate = -1;
                if (c.target[ci]) {
                    int sx = 2 * (coarse.nn[ci] % c.width) + x - 2 * cx;
                    int sy = 2 * (coarse.nn[ci] / c.width) + y - 2 * cy;
                    if (sx >= 0 && sy >= 0 && sx < w && sy < level.height && level.source[sy * w + sx]) {
                        candidate = sy * w + sx;
                    }
                }
                if (candidate < 0) {
                    s = next(s);
                    candidate = level.sources[(int) Long.remainderUnsigned(s, level.sources.length)];
                }
                nn[i] = candidate;
            }
        }
    }

    /** Recomputes every target's cost against the current pixels (after a vote changed the hole). */
    void rescore(int band) {
        int[] rows = rows(band);
        int w = level.width;
        for (int y = rows[0]; y < rows[1]; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (level.target[i]) {
                    cost[i] = distance(i, nn[i], Float.MAX_VALUE);
                }
            }
        }
    }

    /**
     * One PatchMatch sweep over a band: forward (left to right, top to bottom) on even passes, backward on odd
     * ones; {@code maxRadius} bounds the random search.
     */
    void sweep(int band, int pass, int maxRadius, long seed) {
        int[] rows = rows(band);
        int w = level.width;
        boolean forward = (pass & 1) == 0;
        int step = forward ? 1 : -1;
        long s = next(seed ^ (band * 0x9E3779B97F4A7C15L) ^ pass);
        int yStart = forward ? rows[0] : rows[1] - 1;
        int yEnd = forward ? rows[1] : rows[0] - 1;
        for (int y = yStart; y != yEnd; y += step) {
            boolean rowAbove = forward ? y - 1 >= rows[0] : y + 1 < rows[1]; // stay in the band
            for (int x = forward ? 0 : w - 1; forward ? x < w : x >= 0; x += step) {
                int i = y * w + x;
                if (!level.target[i]) {
                    continue;
                }
                int best = nn[i];
                float bestCost = cost[i];
                int left = i - step; // the neighbour visited just before, on this row
                if (x - step >= 0 && x - step < w && level.target[left]) {
                    int c = nn[left] + step;
                    if (c != best && level.source[c]) {
                        float d = distance(i, c, bestCost);
                        if (d < bestCost) {
                            best = c;
                            bestCost = d;
                        }
                    }
                }
                int up = i - step * w;
                if (rowAbove && level.target[up]) {
                    int c = nn[up] + step * w;
                    if (c >= 0 && c < nn.length && c != best && level.source[c]) {
                        float d = distance(i, c, bestCost);
                        if (d < bestCost) {
                            best = c;
                            bestCost = d;
                        }
                    }
                }
                int bx = best % w;
                int by = best / w;
                for (int r = maxRadius; r >= 1; r >>= 1) {
                    s = next(s);
                    int sx = bx + (int) ((s >>> 33) % (2 * r + 1)) - r;
                    int sy = by + (int) ((s & 0xffffffL) % (2 * r + 1)) - r;
                    if (sx < 0 || sy < 0 || sx >= w || sy >= level.height) {
                        continue;
                    }
                    int c = sy * w + sx;
                    if (c == best || !level.source[c]) {
                        continue;
                    }
                    float d = distance(i, c, bestCost);
                    if (d < bestCost) {
                        best = c;
                        bestCost = d;
                        bx = sx;
                        by = sy;
                    }
                }
                nn[i] = best;
                cost[i] = bestCost;
            }
        }
    }

    /** Returns how many bands a sweep has: a function of the level's size only, never of the thread count. */
    int bands() {
        return Math.max(1, Math.min(MAX_BANDS, level.height / BAND_ROWS));
    }

    /** The rows of band {@code band} of {@link #bands()}. */
    int[] rows(int band) {
        int h = level.height;
        int n = bands();
        return new int[] {h * band / n, h * (band + 1) / n};
    }

    /** Sum of squared differences between the patches at {@code a} and {@code b}; stops once above {@code limit}. */
    float distance(int a, int b, float limit) {
        int r = level.radius;
        int w = level.width;
        int ch = level.channels;
        float[] px = level.px;
        float sum = 0;
        for (int dy = -r; dy <= r; dy++) {
            int pa = 4 * (a + dy * w - r);
            int pb = 4 * (b + dy * w - r);
            int end = pa + 4 * (2 * r + 1);
            if (ch == 3) {
                for (; pa < end; pa += 4, pb += 4) {
                    float d0 = px[pa] - px[pb];
                    float d1 = px[pa + 1] - px[pb + 1];
                    float d2 = px[pa + 2] - px[pb + 2];
                    sum += d0 * d0 + d1 * d1 + d2 * d2;
                }
            } else {
                for (; pa < end; pa += 4, pb += 4) {
                    float d0 = px[pa] - px[pb];
                    float d1 = px[pa + 1] - px[pb + 1];
                    float d2 = px[pa + 2] - px[pb + 2];
                    float d3 = px[pa + 3] - px[pb + 3];
                    sum += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
                }
            }
            if (sum > limit) {
                return sum;
            }
        }
        return sum;
    }

    /** xorshift64*: fast, and good enough to pick candidates. */
    static long next(long s) {
        long x = s == 0 ? 0x2545F4914F6CDD1DL : s;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        return x * 0x2545F4914F6CDD1DL;
    }
}
