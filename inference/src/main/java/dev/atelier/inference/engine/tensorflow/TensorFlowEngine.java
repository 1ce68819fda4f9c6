package dev.atelier.inference.engine.tensorflow;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.djl.ModelCache;
import dev.atelier.inference.engine.esrgan.EsrganModels;
import dev.atelier.inference.engine.esrgan.EsrganUpscaling;
import dev.atelier.inference.engine.esrgan.TiledUpscaler;
import java.nio.file.Path;
import java.util.Optional;

/**
 * SavedModel models through DJL's TensorFlow engine: ESRGAN upscaling, tiled, on the SavedModel conversions
 * ({@code <family>-x<s>-savedmodel}). TensorFlow starts on the first job (the first start unpacks its natives into
 * Atelier's cache); loaded models stay loaded until the engine closes.
 */
public final class TensorFlowEngine implements Engine {

    static final String NO_MODEL = "no ESRGAN SavedModel installed (atelier models install esrgan-slim)";

    private final EngineContext context;
    private final Path modelsRoot;
    private final ModelCache models;
    private TiledUpscaler.Tiling tiling = TiledUpscaler.Tiling.DEFAULT;

    public TensorFlowEngine(EngineContext context, Path modelsRoot) {
        this.context = context;
        this.modelsRoot = modelsRoot;
        this.models = new ModelCache(DjlRuntime.TENSORFLOW, context.cacheDir(), context.threads(),
                context.memory());
    }

    /** Overrides the tiling (tests compare tiled with whole-image output). */
    public void tiling(TiledUpscaler.Tiling t) {
        this.tiling = t;
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request) {
        if (!(request instanceof UpscaleRequest)) {
            return Optional.of(request.operation().title() + " is not a TensorFlow operation");
        }
        return EsrganModels.installed(modelsRoot, DjlRuntime.TENSORFLOW).isEmpty() ? Optional.of(NO_MODEL)
                : Optional.empty();
    }

    @Override
    public synchronized OperationResult run(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        try {
            return EsrganUpscaling.run((UpscaleRequest) request, input,
                    EsrganModels.installed(modelsRoot, DjlRuntime.TENSORFLOW), models::get, models.runsOn(),
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
