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
import dev.atelier.inference.engine.esrgan.EsrganModels;
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
    private final ModelCache models;
    private TiledUpscaler.Tiling tiling = TiledUpscaler.Tiling.DEFAULT;

    public OnnxEngine(EngineContext context, Path modelsRoot) {
        this.context = context;
        this.modelsRoot = modelsRoot;
        this.models = new ModelCache(DjlRuntime.ONNX_RUNTIME, context.cacheDir(), context.threads(),
                context.memory());
    }

    /** Overrides the tiling (tests compare tiled with whole-image output). */
    public void tiling(TiledUpscaler.Tiling t) {
        this.tiling = t;
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request) {
        if (IsnetJobs.handles(request)) {
            return IsnetJobs.unsupportedReason(request, null, modelsRoot);
        }
        if (!(request instanceof UpscaleRequest)) {
            return Optional.of(request.operation().title() + " is not an ONNX operation");
        }
        return EsrganModels.installed(modelsRoot, DjlRuntime.ONNX_RUNTIME).isEmpty() ? Optional.of(NO_MODEL)
                : Optional.empty();
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request, JobInput input) {
        return IsnetJobs.handles(request) ? IsnetJobs.unsupportedReason(request, input.image(), modelsRoot)
                : unsupportedReason(request);
    }

    @Override
    public synchronized OperationResult run(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        try {
            if (IsnetJobs.handles(request)) {
                Path file = IsnetModels.find(modelsRoot)
                        .orElseThrow(() -> new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, IsnetJobs.NO_MODEL));
                DjlModel isnet = models.get(file);
                int side = BackgroundRemover.SIDE;
                // ISNet has side outputs too; the mask is the one named "output"
                return IsnetJobs.run(request, input.image(),
                        nchw -> isnet.run("output", nchw, 1, 3, side, side).values(), models.runsOn(),
                        context.threads(), progress, cancel);
            }
            return EsrganUpscaling.run((UpscaleRequest) request, input,
                    EsrganModels.installed(modelsRoot, DjlRuntime.ONNX_RUNTIME), models::get, models.runsOn(),
                    context.threads(), tiling, progress, cancel);
        } finally {
            models.release(); // its models may be unloaded again
        }
    }

    @Override
    public synchronized void close() {
        models.close();
    }
}
