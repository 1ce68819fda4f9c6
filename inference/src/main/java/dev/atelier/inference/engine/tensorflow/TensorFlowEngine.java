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
import dev.atelier.inference.engine.esrgan.EsrganUpscaleSupport;
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

    private final EsrganUpscaleSupport esrgan;

    public TensorFlowEngine(EngineContext context, Path modelsRoot) {
        this.esrgan = new EsrganUpscaleSupport(DjlRuntime.TENSORFLOW, "a TensorFlow", NO_MODEL, context, modelsRoot);
    }

    /** Overrides the tiling (tests compare tiled with whole-image output). */
    public void tiling(TiledUpscaler.Tiling t) {
        esrgan.tiling(t);
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request) {
        return esrgan.unsupportedReason(request);
    }

    @Override
    public synchronized OperationResult run(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        return esrgan.upscale((UpscaleRequest) request, input, progress, cancel);
    }

    @Override
    public synchronized void close() {
        esrgan.close();
    }
}
