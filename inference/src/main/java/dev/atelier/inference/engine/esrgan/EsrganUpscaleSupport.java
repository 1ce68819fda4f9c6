package dev.atelier.inference.engine.esrgan;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.djl.ModelCache;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ESRGAN half of a DJL engine, one per engine and runtime: it owns the engine's model cache and tiling, says
 * whether an upscale can run, and runs it through {@link EsrganUpscaling}. The ONNX and TensorFlow engines differ
 * only in the runtime, their messages and (ONNX) the cut-out jobs, so the wiring lives here once.
 */
public final class EsrganUpscaleSupport implements AutoCloseable {

    private final DjlRuntime runtime;
    private final String kind;
    private final String noModel;
    private final Path modelsRoot;
    private final int threads;
    private final ModelCache models;
    private TiledUpscaler.Tiling tiling = TiledUpscaler.Tiling.DEFAULT;

    /**
     * @param kind how other operations are refused: "&lt;title&gt; is not &lt;kind&gt; operation", e.g. "an ONNX"
     * @param noModel the reason given while no model for {@code runtime} is installed
     */
    public EsrganUpscaleSupport(DjlRuntime runtime, String kind, String noModel, EngineContext context,
            Path modelsRoot) {
        this.runtime = runtime;
        this.kind = kind;
        this.noModel = noModel;
        this.modelsRoot = modelsRoot;
        this.threads = context.threads();
        this.models = new ModelCache(runtime, context.cacheDir(), context.threads(), context.memory());
    }

    /** The engine's model cache, for the engine's other jobs; the engine releases it after each of them. */
    public ModelCache models() {
        return models;
    }

    /** Overrides the tiling (tests compare tiled with whole-image output). */
    public void tiling(TiledUpscaler.Tiling t) {
        this.tiling = t;
    }

    /** Why {@code request} cannot run as an upscale here: not an upscale, or no model installed for the runtime. */
    public Optional<String> unsupportedReason(OperationRequest request) {
        if (!(request instanceof UpscaleRequest)) {
            return Optional.of(request.operation().title() + " is not " + kind + " operation");
        }
        return EsrganModels.installed(modelsRoot, runtime).isEmpty() ? Optional.of(noModel) : Optional.empty();
    }

    /** Runs an upscale, then releases the cache so its models may be unloaded again. */
    public OperationResult upscale(UpscaleRequest request, JobInput input, ProgressSink progress, CancelToken cancel)
            throws AtelierException {
        try {
            return EsrganUpscaling.run(request, input, EsrganModels.installed(modelsRoot, runtime), models::get,
                    models.runsOn(), threads, tiling, progress, cancel);
        } finally {
            models.release();
        }
    }

    @Override
    public void close() {
        models.close();
    }
}
