package dev.atelier.inference.engine.diffusion;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Edge;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.core.image.Tile;
import dev.atelier.core.image.Tiles;
import dev.atelier.inference.diffusion.RgbPlanes;
import dev.atelier.inference.diffusion.SdPipeline;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs img2img over a large image in overlapping tiles of the model's size and blends them back seamlessly.
 *
 * <p>The layout is {@link Tiles#grid}'s (tiles every {@code tile − overlap} px, row by row); a last row or column
 * it clips is moved back to end at the image's edge instead, so every tile the model sees is full size (a
 * narrower one would be off the size the model knows). An image smaller than a tile in one direction is one tile
 * across, padded by repeating its edge to a multiple of 8 for the VAE and cropped again.
 *
 * <p><b>Blending.</b> A tile's pixel weighs {@code (d + ½) / overlap}, capped at 1, where d is its distance to the
 * nearest tile edge that borders another tile: across a plain overlap two neighbours' weights sum to exactly 1, a
 * linear cross-fade, so the result changes continuously from one tile to the next and no seam can show where one
 * tile's noise ends; a tile's edge pixels, which had the least context, count the least.
 *
 * <p>Tiles are read as views of the image (no copies beyond the tile's floats), and only one row of tiles is
 * accumulated in floats at a time, so the memory beyond the result is bounded by the tile size.
 */
final class TiledRefiner {

    /** Img2img on one tile: {@code index} picks its noise; {@code steps} receives per-step progress. */
    @FunctionalInterface
    interface TileModel {
        RgbPlanes run(RgbPlanes tile, int index, SdPipeline.Progress steps) throws AtelierException;
    }

    private TiledRefiner() {}

    /** The tile regions over a {@code w}×{@code h} image, row by row, each {@code tile} a side where the image is. */
    static List<Bounds> regions(int w, int h, int tile, int overlap) {
        List<Bounds> out = new ArrayList<>();
        for (Tile t : Tiles.grid(w, h, tile, overlap)) {
            Bounds r = t.region();
            int x = Math.min(r.x(), Math.max(0, w - tile));
            int y = Math.min(r.y(), Math.max(0, h - tile));
            out.add(new Bounds(x, y, Math.min(tile, w), Math.min(tile, h)));
        }
        return out;
    }

    /**
     * Returns {@code src} refined tile by tile: RGB from the model, alpha kept. Progress goes from {@code from} to
     * {@code to}; {@code cancel} is checked before every tile (the pipeline checks it before every step).
     */
    static Raster refine(RgbaView src, int tile, int overlap, TileModel model, ProgressSink progress, double from,
            double to, CancelToken cancel) throws AtelierException {
        int w = src.width();
        int h = src.height();
        List<Bounds> regions = regions(w, h, tile, overlap);
        int bandRows = Math.min(tile, h);
        int plane = bandRows * w;
        byte[] out;
        float[] acc;
        float[] weight;
        try {
            out = new byte[Raster.checkedSize(w, h)];
            acc = new float[3 * plane];
            weight = new float[plane];
        } catch (OutOfMemoryError e) {
            throw new AtelierException(ErrorCode.OUT_OF_MEMORY, "Not enough memory to refine a " + w + "x" + h
                    + " image", e);
        }
        int origin = 0; // image row of the band's first row
        int n = regions.size();
        for (int i = 0; i < n; i++) {
            cancel.check();
            Bounds r = regions.get(i);
            if (r.y() > origin) { // rows above this row of tiles are final
                int rows = r.y() - origin;
                flush(acc, weight, plane, w, origin, rows, src, out);
                int shift = rows * w;
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(acc, c * plane + shift, acc, c * plane, plane - shift);
                    Arrays.fill(acc, (c + 1) * plane - shift, (c + 1) * plane, 0f);
                }
                System.arraycopy(weight, shift, weight, 0, plane - shift);
                Arrays.fill(weight, plane - shift, plane, 0f);
                origin = r.y();
            }
            int gw = (r.width() + 7) / 8 * 8;
            int gh = (r.height() + 7) / 8 * 8;
            RgbaView view = src.crop(r).pad(0, 0, gw - r.width(), gh - r.height(), Edge.CLAMP);
            int index = i;
            SdPipeline.Progress steps = (done, total, preview) -> progress.report(
                    from + (to - from) * (index + (total == 0 ? 1.0 : done / (double) total)) / n,
                    "refining tile " + (index + 1) + "/" + n + ", step " + done + "/" + total);
            RgbPlanes res = model.run(Pixels.planes(view, gw, gh), i, steps);
            if (res.width() != gw || res.height() != gh) {
                throw new AtelierException(ErrorCode.ENGINE_FAILURE, "img2img returned " + res.width() + "x"
                        + res.height() + " for a " + gw + "x" + gh + " tile");
            }
            accumulate(res, r, w, h, overlap, origin, acc, weight, plane);
            progress.report(from + (to - from) * (i + 1) / n, "refined tile " + (i + 1) + "/" + n);
        }
        flush(acc, weight, plane, w, origin, h - origin, src, out);
        return Raster.wrap(w, h, out);
    }

    private static void accumulate(RgbPlanes res, Bounds r, int w, int h, int overlap, int origin, float[] acc,
            float[] weight, int plane) {
        float[] v = res.values();
        int gw = res.width();
        int gn = gw * res.height();
        boolean left = r.x() > 0;
        boolean right = r.right() < w;
        boolean top = r.y() > 0;
        boolean bottom = r.bottom() < h;
        for (int y = 0; y < r.height(); y++) {
            float wy = ramp(y, r.height(), top, bottom, overlap);
            int row = (r.y() + y - origin) * w + r.x();
            for (int x = 0; x < r.width(); x++) {
                float wt = wy * ramp(x, r.width(), left, right, overlap);
                int i = row + x;
                int s = y * gw + x;
                weight[i] += wt;
                for (int c = 0; c < 3; c++) {
                    acc[c * plane + i] += wt * v[c * gn + s];
                }
            }
        }
    }

    /** Weight at {@code p} of a span {@code size} long: ramps over {@code overlap} at ends shared with a tile. */
    static float ramp(int p, int size, boolean sharedStart, boolean sharedEnd, int overlap) {
        if (overlap == 0) {
            return 1f;
        }
        float v = 1f;
        if (sharedStart) {
            v = Math.min(v, (p + 0.5f) / overlap);
        }
        if (sharedEnd) {
            v = Math.min(v, (size - p - 0.5f) / overlap);
        }
        return v;
    }

    private static void flush(float[] acc, float[] weight, int plane, int w, int origin, int rows, RgbaView src,
            byte[] out) {
        for (int r = 0; r < rows; r++) {
            for (int x = 0; x < w; x++) {
                int i = r * w + x;
                int o = 4 * ((origin + r) * w + x);
                for (int c = 0; c < 3; c++) {
                    float v = acc[c * plane + i] / weight[i];
                    out[o + c] = (byte) Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
                }
                out[o + 3] = (byte) src.get(x, origin + r, 3);
            }
        }
    }
}
