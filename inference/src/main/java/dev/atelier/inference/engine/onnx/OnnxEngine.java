package dev.atelier.inference.engine.onnx;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.djl.DjlModel;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.djl.ModelCache;
import dev.atelier.inference.engine.esrgan.EsrganUpscaleSupport;
import dev.atelier.inference.engine.esrgan.EsrganUpscaling;
import dev.atelier.inference.engine.esrgan.TiledUpscaler;
import java.nio.file.Path;
import java.util.Optional;

/**
 * ONNX models through DJL's ONNX Runtime engine: ESRGAN upscaling, tiled, and ISNet cut-outs ({@link IsnetJobs}:
 * Remove background, Prep for 3D of opaque images). ONNX Runtime starts on the first job; loaded models stay
 * loaded until the engine closes.
 */
public final class OnnxEngine implements Engine {

    static final String NO_MODEL = EsrganUpscaling.NO_MODEL;

    private final EngineContext context;
    private final Path modelsRoot;
    private final EsrganUpscaleSupport esrgan;

    public OnnxEngine(EngineContext context, Path modelsRoot) {
        this.context = context;
        this.modelsRoot = modelsRoot;
        this.esrgan = new EsrganUpscaleSupport(DjlRuntime.ONNX_RUNTIME, "an ONNX", NO_MODEL, context, modelsRoot);
    }

    /** Overrides the tiling (tests compare tiled with whole-image output). */
    public void tiling(TiledUpscaler.Tiling t) {
        esrgan.tiling(t);
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request) {
        if (IsnetJobs.handles(request)) {
            return IsnetJobs.unsupportedReason(request, null, modelsRoot);
        }
        return esrgan.unsupportedReason(request);
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request, JobInput input) {
        return IsnetJobs.handles(request) ? IsnetJobs.unsupportedReason(request, input.image(), modelsRoot)
                : unsupportedReason(request);
    }

    @Override
    public synchronized OperationResult run(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        if (!IsnetJobs.handles(request)) {
            return esrgan.upscale((UpscaleRequest) request, input, progress, cancel);
        }
        ModelCache models = esrgan.models();
        try {
            Path file = IsnetModels.find(modelsRoot)
                    .orElseThrow(() -> new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, IsnetJobs.NO_MODEL));
            DjlModel isnet = models.get(file);
            int side = BackgroundRemover.SIDE;
            // ISNet has side outputs too; the mask is the one named "output"
            return IsnetJobs.run(request, input.image(),
                    nchw -> isnet.run("output", nchw, 1, 3, side, side).values(), models.runsOn(),
                    context.threads(), progress, cancel);
        } finally {
            models.release(); // its models may be unloaded again
        }
    }

    @Override
    public synchronized void close() {
        esrgan.close();
    }
}
