package dev.atelier.inference.engine.classical;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.MaskView;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Content-aware fill: the hole is rebuilt from patches of the image itself, coarse to fine (Wexler, Shechtman and
 * Irani's completion with Barnes et al.'s PatchMatch search). The coarsest level starts from colours grown in
 * from the border; each level alternates PatchMatch sweeps with votes, then hands its field to the next finer level.
 * Known pixels are never changed.
 */
public final class PatchMatchFill {

    /** Patch radius: 7x7 patches, the usual size for photos. */
    static final int RADIUS = 3;
    /** Stop going coarser once the hole is this many pixels deep (from its border inwards). */
    private static final int COARSEST_DEPTH = 3;
    /** The random search's reach at finer levels, which start from the coarser level's field. */
    private static final int FINE_SEARCH = 24;

    private PatchMatchFill() {}

    /**
     * Returns {@code image} with every pixel where {@code hole} is above 0 filled; other pixels are copied
     * unchanged. Throws INVALID_PARAMETERS when nothing outside the hole can be copied from.
     */
    public static Raster fill(RgbaView image, MaskView hole, long seed, int threads, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        cancel.check();
        int w = image.width();
        int h = image.height();
        FillLevel base = load(image, hole, RADIUS);
        for (int r = RADIUS - 1; r >= 1 && base.sources.length == 0; r--) {
            base = load(image, hole, r); // little known around a big hole: smaller patches still find sources
        }
        if (base.sources.length == 0) {
            return smooth(image, base);
        }
        List<FillLevel> levels = pyramid(base);
        int[] passes = new int[levels.size()];
        double work = 0;
        for (int l = 0; l < levels.size(); l++) {
            passes[l] = l == 0 ? 2 : Math.min(6, 2 + l);
            work += passes[l] * (double) levels.get(l).width * levels.get(l).height;
        }
        double done = 0;
        NearestPatches field = null;
        try (Bands bands = new Bands(threads, "fill")) {
            for (int l = levels.size() - 1; l >= 0; l--) {
                FillLevel level = levels.get(l);
                NearestPatches next = new NearestPatches(level);
                long levelSeed = seed * 31 + l;
                if (field == null) {
                    level.diffuseIntoHole();
                    next.randomise(levelSeed);
                } else {
                    next.upsample(field, levelSeed);
                    voteAll(bands, level, next, 0, true, cancel); // a first estimate of this level's hole
                }
                field = next;
                NearestPatches f = field;
                bands.run(f.bands(), f::rescore, cancel);
                int radius = l == levels.size() - 1 ? Math.max(level.width, level.height) : FINE_SEARCH;
                for (int pass = 0; pass < passes[l]; pass++) {
                    int p = pass;
                    bands.run(f.bands(), b -> f.sweep(b, p, radius, levelSeed * 1000 + p), cancel);
                    voteAll(bands, level, f, PatchVote.scale(level, f), false, cancel);
                    bands.run(f.bands(), f::rescore, cancel);
                    done += (double) level.width * level.height;
                    progress.report(Math.min(1, done / work), "fill level " + (levels.size() - l) + "/"
                            + levels.size() + ", pass " + (pass + 1) + "/" + passes[l]);
                }
            }
        }
        return store(image, base);
    }

    private static void voteAll(Bands bands, FillLevel level, NearestPatches field, float scale, boolean uniform,
            CancelToken cancel) throws AtelierException {
        int h = level.height;
        int n = NearestPatches.MAX_BANDS;
        bands.run(n, b -> PatchVote.vote(level, field, scale, uniform, h * b / n, h * (b + 1) / n, level.px), cancel);
    }

    /** No patch fits anywhere outside the hole: grow the known colours in, or refuse when nothing is known. */
    private static Raster smooth(RgbaView image, FillLevel base) throws AtelierException {
        boolean anyKnown = false;
        for (boolean h : base.hole) {
            anyKnown |= !h;
        }
        if (!anyKnown) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "Nothing to fill from: the area covers the "
                    + "whole image; leave some of the picture unselected");
        }
        base.diffuseIntoHole();
        return store(image, base);
    }

    /** Finest first; coarser levels until the hole is shallow, as long as something can still be copied. */
    private static List<FillLevel> pyramid(FillLevel base) {
        List<FillLevel> levels = new ArrayList<>();
        levels.add(base);
        int depth = holeDepth(base);
        FillLevel l = base;
        int minSide = 2 * (2 * base.radius + 1);
        while (depth > COARSEST_DEPTH && Math.min(l.width, l.height) / 2 >= minSide) {
            FillLevel coarser = l.half();
            if (coarser.sources.length < 16) {
                break;
            }
            levels.add(coarser);
            l = coarser;
            depth = (depth + 1) / 2;
        }
        return levels;
    }

    /** The largest chessboard distance from a hole pixel to a known one (two-pass chamfer). */
    private static int holeDepth(FillLevel level) {
        int w = level.width;
        int h = level.height;
        int far = w + h;
        int[] d = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!level.hole[i]) {
                    d[i] = 0;
                    continue;
                }
                int v = far;
                if (x > 0) {
                    v = Math.min(v, d[i - 1] + 1);
                }
                if (y > 0) {
                    v = Math.min(v, d[i - w] + 1);
                    v = Math.min(v, x > 0 ? d[i - w - 1] + 1 : v);
                    v = Math.min(v, x < w - 1 ? d[i - w + 1] + 1 : v);
                }
                d[i] = v;
            }
        }
        int max = 0;
        for (int y = h - 1; y >= 0; y--) {
            for (int x = w - 1; x >= 0; x--) {
                int i = y * w + x;
                int v = d[i];
                if (x < w - 1) {
                    v = Math.min(v, d[i + 1] + 1);
                }
                if (y < h - 1) {
                    v = Math.min(v, d[i + w] + 1);
                    v = Math.min(v, x < w - 1 ? d[i + w + 1] + 1 : v);
                    v = Math.min(v, x > 0 ? d[i + w - 1] + 1 : v);
                }
                d[i] = v;
                max = Math.max(max, v);
            }
        }
        return max;
    }

    private static FillLevel load(RgbaView image, MaskView hole, int radius) {
        int w = image.width();
        int h = image.height();
        float[] px = new float[4 * w * h];
        boolean[] holes = new boolean[w * h];
        byte[] row = new byte[4 * w];
        byte[] mrow = new byte[w];
        boolean opaque = true;
        for (int y = 0; y < h; y++) {
            image.readRow(y, 0, w, row, 0);
            hole.readRow(y, 0, w, mrow, 0);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                holes[i] = mrow[x] != 0;
                if (holes[i]) {
                    continue;
                }
                float a = (row[4 * x + 3] & 0xff) / 255f;
                opaque &= row[4 * x + 3] == (byte) 255;
                for (int c = 0; c < 3; c++) {
                    px[4 * i + c] = (row[4 * x + c] & 0xff) * a; // premultiplied: transparent colour is noise
                }
                px[4 * i + 3] = row[4 * x + 3] & 0xff;
            }
        }
        return new FillLevel(w, h, opaque ? 3 : 4, px, holes, radius);
    }

    private static Raster store(RgbaView image, FillLevel level) {
        int w = image.width();
        int h = image.height();
        byte[] out = new byte[Raster.checkedSize(w, h)];
        for (int y = 0; y < h; y++) {
            image.readRow(y, 0, w, out, 4 * w * y);
        }
        float[] px = level.px;
        for (int i = 0; i < w * h; i++) {
            if (!level.hole[i]) {
                continue;
            }
            float a = Math.max(0, Math.min(255, px[4 * i + 3]));
            int o = 4 * i;
            for (int c = 0; c < 3; c++) {
                float v = a == 0 ? 0 : px[o + c] * 255 / a;
                out[o + c] = (byte) Math.round(Math.max(0, Math.min(255, v)));
            }
            out[o + 3] = (byte) Math.round(a);
        }
        return Raster.wrap(w, h, out);
    }
}
