package dev.atelier.inference.engine.diffusion;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.inference.diffusion.SdModelLayout;
import dev.atelier.inference.diffusion.SdPipeline;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.djl.DjlEngines;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.models.ModelException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Img2Img, Retouch and Expand with the installed Stable Diffusion model. Declines every request while none is
 * installed, so Retouch and Expand fall back to the classical fill. Keeps one {@link SdPipeline} loaded between jobs
 * (loading costs seconds to minutes for real models) and swaps it when the installed model changes; closing the
 * engine frees it. Jobs run one at a time (the descriptor says heavy; {@code run} is synchronized besides).
 */
final class DiffusionEngine implements Engine {

    private final EngineContext context;
    private final Path storeRoot;
    /** The described layout of the last model looked at: describing reads ONNX headers, too slow per request. */
    private SdModelLayout layout;
    private Loaded loaded;

    /** The loaded pipeline and the model folder it came from. */
    private record Loaded(Path folder, SdPipeline pipeline) {}

    DiffusionEngine(EngineContext context, Path storeRoot) {
        this.context = context;
        this.storeRoot = storeRoot;
    }

    @Override
    public synchronized Optional<String> unsupportedReason(OperationRequest request) {
        if (!(request instanceof Img2ImgRequest || request instanceof RetouchRequest
                || request instanceof ExpandRequest)) {
            return Optional.of(request.operation().title() + " is not a diffusion operation");
        }
        Optional<DiffusionModels.Installed> model = DiffusionModels.find(storeRoot);
        if (model.isEmpty()) {
            return Optional.of(DiffusionModels.NONE);
        }
        String id = "the diffusion model '" + model.get().id() + "'";
        SdModelLayout l;
        try {
            l = layout(model.get().folder());
        } catch (ModelException e) {
            return Optional.of(id + " cannot be read: " + e.getMessage());
        }
        if (!l.isRunnable()) {
            return Optional.of(id + " is incomplete: " + String.join("; ", l.problems()));
        }
        if (l.family() == SdModelLayout.SdFamily.SDXL) {
            return Optional.of(id + " is Stable Diffusion XL, which is not run yet (SD 1.x and 2.x are)");
        }
        if (!l.canEncodeImages()) {
            return Optional.of(id + " has no vae_encoder/, which " + request.operation().title() + " needs");
        }
        if (l.inpainting() && request instanceof Img2ImgRequest) {
            return Optional.of(id + " is an inpainting model; Img2Img needs a regular one");
        }
        return Optional.empty();
    }

    @Override
    public synchronized OperationResult run(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        cancel.check();
        Optional<String> reason = unsupportedReason(request);
        if (reason.isPresent()) {
            throw new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, reason.get());
        }
        DiffusionModels.Installed model = DiffusionModels.find(storeRoot).orElseThrow();
        progress.report(0, "loading " + model.id());
        SdPipeline pipeline = pipeline(model.folder());
        cancel.check();
        DiffusionJobs job = new DiffusionJobs(pipeline, model.id(), generation(request),
                seed(generation(request)), progress, cancel);
        if (request instanceof Img2ImgRequest i) {
            return job.img2img(input.image(), i.influence());
        }
        if (request instanceof RetouchRequest r) {
            Mask selection = input.mask().orElseThrow(() -> new AtelierException(ErrorCode.MASK_REQUIRED,
                    "Retouch needs a mask: select the area to change first"));
            return job.retouch(r, input.image(), selection);
        }
        return job.expand((ExpandRequest) request, input.image(), input.mask());
    }

    private static Generation generation(OperationRequest r) {
        if (r instanceof Img2ImgRequest i) {
            return i.generation();
        }
        return r instanceof RetouchRequest t ? t.generation() : ((ExpandRequest) r).generation();
    }

    /** The request's seed, or a random one (kept below 2^32 so users can type it back in). */
    private static long seed(Generation g) {
        return g.seed() >= 0 ? g.seed() : ThreadLocalRandom.current().nextLong(1L << 32);
    }

    private SdModelLayout layout(Path folder) throws ModelException {
        if (layout == null || !layout.folder().equals(folder)) {
            layout = SdModelLayout.describe(folder);
        }
        return layout;
    }

    /** The pipeline for {@code folder}: the loaded one, or a new one replacing it (one model at a time). */
    private SdPipeline pipeline(Path folder) throws AtelierException {
        if (loaded != null && loaded.folder().equals(folder)) {
            return loaded.pipeline();
        }
        closeLoaded();
        DjlEngines.Started ort = DjlEngines.start(DjlRuntime.ONNX_RUNTIME, context.cacheDir());
        try {
            loaded = new Loaded(folder, SdPipeline.open(layout(folder), ort, context.threads()));
        } catch (ModelException e) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, e.getMessage(), e);
        }
        return loaded.pipeline();
    }

    private void closeLoaded() {
        if (loaded != null) {
            loaded.pipeline().close();
            loaded = null;
        }
    }

    @Override
    public synchronized void close() {
        closeLoaded();
    }
}
