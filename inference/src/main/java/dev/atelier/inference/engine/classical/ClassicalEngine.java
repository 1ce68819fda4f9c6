package dev.atelier.inference.engine.classical;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.DetectMode;
import dev.atelier.core.operation.DetectRequest;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
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

    private final int threads;

    ClassicalEngine(int threads) {
        this.threads = threads;
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request) {
        if (request instanceof UpscaleRequest) {
            return Optional.empty();
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
        if (request instanceof UpscaleRequest u) {
            Raster out = LanczosUpscaler.upscale(image, u.factor(), threads, progress, cancel);
            List<String> notices = u.preset() == UpscalePreset.PRECISE ? List.of()
                    : List.of(u.preset().label() + " needs a neural upscaler; none is installed, so Precise "
                            + "(Lanczos) was used");
            return OperationResult.whole(out, notices);
        }
        DetectRequest d = (DetectRequest) request;
        Raster out = d.mode() == DetectMode.CANNY
                ? CannyEdges.detect(image, d.lowThreshold(), d.highThreshold(), progress, cancel)
                : XdogLineArt.extract(image, d.lineWeight(), progress, cancel);
        return OperationResult.whole(out, List.of());
    }
}
