package dev.atelier.inference.engine.onnx;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Compositing;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.core.operation.Background;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.Bilinear;

/**
 * Background removal with a salient-object mask model such as ISNet: the image is resized to the model's
 * {@value #SIDE}² input and normalised as ISNet expects ({@code (v - 128) / 256} per RGB channel, NCHW), the model
 * gives a {@value #SIDE}² mask, and the mask is brought back to the source size and refined there against the
 * source pixels ({@link GuidedFilter}), so the cut follows the object's real edges rather than a 1024² outline
 * scaled up. The result is the source with the mask as alpha, or composited on a solid background.
 */
public final class BackgroundRemover {

    /** The model's input and output side. */
    public static final int SIDE = 1024;

    /** A model that returns a {@value #SIDE}² mask (0..1, row-major) for one normalised 1×3×1024×1024 input. */
    @FunctionalInterface
    public interface MaskModel {
        float[] run(float[] nchw) throws AtelierException;
    }

    private BackgroundRemover() {}

    /** Returns {@code src} cut out with {@code model} and laid over {@code background}; progress 0..1. */
    public static Raster remove(RgbaView src, Background background, MaskModel model, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        float[] alpha = alpha(src, model, progress, cancel);
        Raster out = apply(src, alpha, background);
        progress.report(1, "done");
        return out;
    }

    /** Returns the refined mask as an opaque grey image at the source size: white subject, black background. */
    public static Raster maskImage(RgbaView src, MaskModel model, ProgressSink progress, CancelToken cancel)
            throws AtelierException {
        float[] alpha = alpha(src, model, progress, cancel);
        byte[] px = new byte[Raster.checkedSize(src.width(), src.height())];
        for (int i = 0; i < alpha.length; i++) {
            byte v = (byte) Math.round(255 * Math.max(0, Math.min(1, alpha[i])));
            px[4 * i] = v;
            px[4 * i + 1] = v;
            px[4 * i + 2] = v;
            px[4 * i + 3] = (byte) 255;
        }
        progress.report(1, "done");
        return Raster.wrap(src.width(), src.height(), px);
    }

    /**
     * Returns the cut-out's alpha (0..1) at the source size: the refined model mask times the source's own alpha.
     * Progress goes to 0.9.
     */
    public static float[] alpha(RgbaView src, MaskModel model, ProgressSink progress, CancelToken cancel)
            throws AtelierException {
        cancel.check();
        progress.report(0, "resizing to " + SIDE + "²");
        float[] input = input(src);
        cancel.check();
        progress.report(0.05, "finding the subject");
        float[] mask = model.run(input);
        if (mask == null || mask.length != SIDE * SIDE) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, "The mask model returned "
                    + (mask == null ? "nothing" : mask.length + " values") + ", expected " + SIDE + "x" + SIDE);
        }
        cancel.check();
        progress.report(0.8, "refining edges at " + src.width() + "x" + src.height());
        float[] alpha = GuidedFilter.refine(src, mask, SIDE, SIDE, cancel);
        int w = src.width();
        byte[] row = new byte[4 * w];
        for (int y = 0; y < src.height(); y++) {
            src.readRow(y, 0, w, row, 0);
            for (int x = 0; x < w; x++) {
                alpha[y * w + x] *= (row[4 * x + 3] & 0xff) / 255f;
            }
        }
        progress.report(0.9, "edges refined");
        return alpha;
    }

    /** The model input for {@code src}: bilinear to {@value #SIDE}², then (v - 128) / 256, NCHW. */
    static float[] input(RgbaView src) {
        float[] planes = Bilinear.rgbPlanes(src, SIDE, SIDE);
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (planes[i] - 128f) / 256f;
        }
        return planes;
    }

    /**
     * Returns {@code src} with {@code alpha} (0..1 per pixel) as its alpha, over {@code background} (transparent
     * keeps the colours and only sets alpha; a colour gives an opaque image).
     */
    public static Raster apply(RgbaView src, float[] alpha, Background background) {
        int w = src.width();
        int h = src.height();
        byte[] cut = new byte[Raster.checkedSize(w, h)];
        for (int y = 0; y < h; y++) {
            src.readRow(y, 0, w, cut, 4 * w * y);
        }
        for (int i = 0; i < w * h; i++) {
            cut[4 * i + 3] = (byte) Math.round(255 * Math.max(0, Math.min(1, alpha[i])));
        }
        Raster cutOut = Raster.wrap(w, h, cut);
        if (background == Background.TRANSPARENT) {
            return cutOut;
        }
        byte[] out = Raster.filled(w, h, background.rgba()).toByteArray();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Compositing.over(cutOut, x, y, out, 4 * (y * w + x));
            }
        }
        return Raster.wrap(w, h, out);
    }
}
