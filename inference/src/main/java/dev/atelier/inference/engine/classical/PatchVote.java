package dev.atelier.inference.engine.classical;

/**
 * The "expectation" step of Wexler et al.'s completion: every hole pixel becomes the weighted mean of what the
 * nearest patches of all target patches covering it say it should be. Patches that match well weigh more
 * (a Gaussian of their mean squared difference, scaled by the level's typical cost), so one poor match cannot
 * smear a sharp edge.
 */
final class PatchVote {

    private PatchVote() {}

    /** Returns the scale for weights: the mean per-value squared difference over all targets, at least 25. */
    static float scale(FillLevel level, NearestPatches field) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < field.cost.length; i++) {
            if (level.target[i]) {
                sum += field.cost[i];
                n++;
            }
        }
        int perPatch = (2 * level.radius + 1) * (2 * level.radius + 1) * level.channels;
        return (float) Math.max(25, n == 0 ? 25 : sum / n / perPatch);
    }

    /**
     * Votes the hole pixels of rows [y0, y1) into {@code out} (interleaved RGBA like the level's pixels); with
     * {@code uniform} every patch weighs the same (costs are stale right after upsampling).
     */
    static void vote(FillLevel level, NearestPatches field, float scale, boolean uniform, int y0, int y1,
            float[] out) {
        int w = level.width;
        int h = level.height;
        int r = level.radius;
        float perPatch = (2 * r + 1) * (2 * r + 1) * level.channels;
        float[] px = level.px;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (!level.hole[p]) {
                    continue;
                }
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                float wsum = 0;
                for (int dy = -r; dy <= r; dy++) {
                    int qy = y - dy;
                    if (qy < 0 || qy >= h) {
                        continue;
                    }
                    for (int dx = -r; dx <= r; dx++) {
                        int qx = x - dx;
                        if (qx < 0 || qx >= w) {
                            continue;
                        }
                        int q = qy * w + qx;
                        if (!level.target[q]) {
                            continue;
                        }
                        float wt = uniform ? 1 : (float) Math.exp(-0.5 * field.cost[q] / perPatch / scale);
                        wt += 1e-6f; // all-poor matches still vote
                        int src = 4 * (field.nn[q] + dy * w + dx);
                        s0 += wt * px[src];
                        s1 += wt * px[src + 1];
                        s2 += wt * px[src + 2];
                        s3 += wt * px[src + 3];
                        wsum += wt;
                    }
                }
                if (wsum > 0) {
                    int o = 4 * p;
                    out[o] = s0 / wsum;
                    out[o + 1] = s1 / wsum;
                    out[o + 2] = s2 / wsum;
                    out[o + 3] = s3 / wsum;
                }
            }
        }
    }
}
