package dev.atelier.inference.engine.classical;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;

/**
 * Lanczos-3 resampling, the model-free upscaler.
 *
 * <p>Filtering happens in linear light, because averaging sRGB codes darkens high-contrast detail (a black/white
 * checker blurs to a too-dark grey), and on premultiplied alpha, because otherwise the colour of invisible pixels
 * bleeds into the edge of a cut-out. The output is produced in horizontal strips on a small thread pool, so
 * besides the 8-bit output array memory stays at a few hundred rows per thread, even for 16k x 16k results.
 */
public final class LanczosUpscaler {

    /** Output rows per strip: large enough to amortise the 6 rows of vertical support, small enough for cache. */
    static final int DEFAULT_STRIP_ROWS = 128;

    private LanczosUpscaler() {}

    /** Returns {@code src} enlarged by an integer {@code factor} (≥ 1) with default threads and no progress. */
    public static Raster upscale(RgbaView src, int factor) throws AtelierException {
        return upscale(src, factor, defaultThreads(), ProgressSink.none(), CancelToken.none());
    }

    /** Returns {@code src} enlarged by an integer {@code factor} (≥ 1). */
    public static Raster upscale(RgbaView src, int factor, int threads, ProgressSink progress, CancelToken cancel)
            throws AtelierException {
        if (factor < 1) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "Upscale factor must be at least 1, got " + factor);
        }
        long w = (long) src.width() * factor;
        long h = (long) src.height() * factor;
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw tooLarge(w, h);
        }
        return resize(src, (int) w, (int) h, threads, progress, cancel);
    }

    /** Returns {@code src} resampled to exactly {@code outW} x {@code outH} (enlarging or shrinking per axis). */
    public static Raster resize(RgbaView src, int outW, int outH, int threads, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        return resize(src, outW, outH, threads, DEFAULT_STRIP_ROWS, progress, cancel);
    }

    /** Returns the resized image, computed in strips of {@code stripRows} output rows (visible for tests). */
    static Raster resize(RgbaView src, int outW, int outH, int threads, int stripRows, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        if (outW < 1 || outH < 1) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "Output size must be positive, got "
                    + outW + "x" + outH);
        }
        if (threads < 1 || stripRows < 1) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "threads and strip rows must be positive");
        }
        if (4L * outW * outH > Integer.MAX_VALUE - 8) {
            throw tooLarge(outW, outH);
        }
        cancel.check();
        ResampleWeights wx = ResampleWeights.lanczos3(src.width(), outW);
        ResampleWeights wy = ResampleWeights.lanczos3(src.height(), outH);
        // When shrinking, one output row needs many source rows; keep a strip's source span bounded.
        int rows = Math.max(1, (int) Math.min(stripRows, (long) stripRows * outH / src.height()));
        int strips = (outH + rows - 1) / rows;
        int maxSourceRows = 0;
        for (int s = 0; s < strips; s++) {
            int y0 = s * rows;
            int y1 = Math.min(outH, y0 + rows);
            maxSourceRows = Math.max(maxSourceRows, wy.lastIndex(y0, y1) - wy.firstIndex(y0, y1) + 1);
        }
        byte[] out;
        try {
            out = new byte[4 * outW * outH];
        } catch (OutOfMemoryError e) {
            throw new AtelierException(ErrorCode.OUT_OF_MEMORY,
                    "Not enough memory for a " + outW + "x" + outH + " result", e);
        }
        int stripHeight = rows;
        int sourceRows = maxSourceRows;
        String label = outW * (long) outH >= (long) src.width() * src.height() ? "upscaling" : "resizing";
        StripRunner.run(strips, threads,
                () -> new LanczosStrip(src, out, outW, outH, stripHeight, wx, wy, sourceRows),
                label, progress, cancel);
        return Raster.wrap(outW, outH, out);
    }

    /** Returns the default worker count: one per available processor. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static AtelierException tooLarge(long w, long h) {
        return new AtelierException(ErrorCode.IMAGE_TOO_LARGE,
                "Result " + w + "x" + h + " is too large for one image (at most 2^31 bytes of RGBA)");
    }
}
