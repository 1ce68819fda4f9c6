package dev.atelier.inference.engine.classical;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.DetectMode;
import dev.atelier.core.operation.DetectRequest;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.Prep3dRequest;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import java.util.List;
import java.util.Optional;

/** The model-free engine. Stateless apart from its thread budget, so it runs several jobs at once. */
final class ClassicalEngine implements Engine {

    /**
     * Panel thresholds use OpenCV's scale (raw Sobel magnitude), as ControlNet preprocessors and their users do;
     * {@link CannyEdges} measures gradients on a 0..255 grey scale, a quarter of that.
     */
    static final double OPENCV_SCALE = 4.0;

    private final int threads;

    ClassicalEngine(int threads) {
        this.threads = threads;
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request) {
        if (request instanceof UpscaleRequest || request instanceof Prep3dRequest || request instanceof RetouchRequest
                || request instanceof ExpandRequest) { // retouch and expand: a content-aware fill
            return Optional.empty(); // Prep for 3D needs a cut-out; an opaque image fails with a clear message
        }
        if (request instanceof DetectRequest d) {
            return d.mode() == DetectMode.CANNY || d.mode() == DetectMode.LINEART ? Optional.empty()
                    : Optional.of("Detect " + d.mode().label().toLowerCase()
                            + " needs a neural model; none is installed (canny and lineart work without one)");
        }
        return Optional.of(request.operation().title() + " is not a classical operation");
    }

    @Override
    public OperationResult run(OperationRequest request, JobInput input, ProgressSink progress, CancelToken cancel)
            throws AtelierException {
        Raster image = input.image();
        if (request instanceof RetouchRequest r) {
            Mask selection = input.mask().orElseThrow(() -> new AtelierException(ErrorCode.MASK_REQUIRED,
                    "Retouch needs a mask: select the area to change first"));
            return ContentAwareFill.retouch(r, image, selection, threads, progress, cancel);
        }
        if (request instanceof ExpandRequest e) {
            return ContentAwareFill.expand(e, image, input.mask(), threads, progress, cancel);
        }
        if (request instanceof UpscaleRequest u) {
            Raster out = LanczosUpscaler.upscale(image, u.factor(), threads, progress, cancel);
            List<String> notices = u.preset() == UpscalePreset.PRECISE ? List.of()
                    : List.of(u.preset().label() + " needs a neural upscaler; none is installed, so Precise "
                            + "(Lanczos) was used");
            return OperationResult.whole(out, notices);
        }
        if (request instanceof Prep3dRequest p) {
            PrepFor3d.Prepared prepared = PrepFor3d.prepare(image, p, threads, progress, cancel);
            return OperationResult.whole(prepared.image(), List.of()).withMetadata(prepared.metadata());
        }
        DetectRequest d = (DetectRequest) request;
        progress.report(0, d.mode().label());
        Raster out = d.mode() == DetectMode.CANNY
                ? CannyEdges.detect(image, CannyEdges.DEFAULT_SIGMA, d.lowThreshold() / OPENCV_SCALE,
                        d.highThreshold() / OPENCV_SCALE, cancel)
                : XdogLineArt.extract(image, d.lineWeight(), cancel);
        progress.report(1, d.mode().label());
        return OperationResult.whole(out, List.of());
    }
}
