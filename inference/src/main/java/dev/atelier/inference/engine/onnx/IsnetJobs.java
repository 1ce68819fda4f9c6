package dev.atelier.inference.engine.onnx;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.core.operation.Background;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.Prep3dRequest;
import dev.atelier.core.operation.RemoveBackgroundRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.PrepFor3d;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The ONNX engine's jobs that need a cut-out: Remove background, and Prep for 3D on an opaque image (ISNet cuts the
 * object out, then the classical {@link PrepFor3d} centres it). Images with their own alpha are left to the
 * classical engine, which uses that alpha as the cut-out. Nothing here knows ONNX Runtime: the model arrives as a
 * {@link BackgroundRemover.MaskModel}.
 */
final class IsnetJobs {

    static final String NO_MODEL = "no background-removal model installed (" + IsnetModels.INSTALL_HINT + ")";
    static final String HAS_ALPHA = "the image has its own transparency, used as the cut-out (ISNet cuts out"
            + " opaque images only)";

    private IsnetJobs() {}

    /** Whether {@code request} is one of these jobs. */
    static boolean handles(OperationRequest request) {
        return request instanceof RemoveBackgroundRequest || request instanceof Prep3dRequest;
    }

    /** Why these jobs cannot run {@code request} on {@code image} (null when the image is not known yet). */
    static Optional<String> unsupportedReason(OperationRequest request, RgbaView image, Path modelsRoot) {
        if (request instanceof Prep3dRequest && image != null && !opaque(image)) {
            return Optional.of(HAS_ALPHA); // first: with alpha, no model is needed at all
        }
        return IsnetModels.find(modelsRoot).isEmpty() ? Optional.of(NO_MODEL) : Optional.empty();
    }

    /** Runs {@code request} on {@code image}; {@code runtime} names where the model runs, for the notices. */
    static OperationResult run(OperationRequest request, Raster image, BackgroundRemover.MaskModel model, String runtime,
            int threads, ProgressSink progress, CancelToken cancel) throws AtelierException {
        if (request instanceof RemoveBackgroundRequest r) {
            Raster out = r.maskOnly() ? BackgroundRemover.maskImage(image, model, progress, cancel)
                    : BackgroundRemover.remove(image, r.background(), model, progress, cancel);
            return OperationResult.whole(out, List.of(IsnetModels.ID + " ran on " + runtime));
        }
        Prep3dRequest p = (Prep3dRequest) request;
        float[] alpha = BackgroundRemover.alpha(image, model, (f, m) -> progress.report(0.8 * f, m), cancel);
        requireObjectAndBackground(alpha);
        Raster cut = BackgroundRemover.apply(image, alpha, Background.TRANSPARENT);
        PrepFor3d.Prepared prepared = PrepFor3d.prepare(cut, p, threads,
                (f, m) -> progress.report(0.8 + 0.2 * f, m), cancel);
        return OperationResult.whole(prepared.image(), List.of("The background was removed by ISNet on " + runtime)).withMetadata(prepared.metadata());
    }

    /** Prep for 3D needs one object on a background: a mask that is all one or the other is worded here. */
    private static void requireObjectAndBackground(float[] alpha) throws AtelierException {
        boolean any = false;
        boolean all = true;
        for (float a : alpha) {
            any |= a > 0.5f;
            all &= a > 0.5f;
        }
        if (!any) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "Prep for 3D found no object: ISNet saw only"
                    + " background in this image");
        }
        if (all) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "Prep for 3D found no background: ISNet saw"
                    + " the whole image as the object; crop to one object on a plain background");
        }
    }

    /** Whether every pixel is fully opaque. */
    static boolean opaque(RgbaView image) {
        int w = image.width();
        byte[] row = new byte[4 * w];
        for (int y = 0; y < image.height(); y++) {
            image.readRow(y, 0, w, row, 0);
            for (int x = 3; x < row.length; x += 4) {
                if (row[x] != (byte) 0xff) {
                    return false;
                }
            }
        }
        return true;
    }
}
