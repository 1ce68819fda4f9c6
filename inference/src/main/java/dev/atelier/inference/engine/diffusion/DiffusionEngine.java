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
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.diffusion.SdModelLayout;
import dev.atelier.inference.diffusion.SdPipeline;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.djl.ModelCache;
import dev.atelier.inference.engine.memory.ModelMemory;
import dev.atelier.inference.engine.memory.Resident;
import dev.atelier.inference.models.ModelException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Img2Img, Retouch, Expand, and Upscale Balanced and Creative (ESRGAN, then a tiled low-strength refinement,
 * {@link DiffusionUpscale}) with the installed Stable Diffusion model. Declines every request while none is
 * installed, so Retouch and Expand fall back to the classical fill; Upscale then (and Precise always) is not
 * this engine's at all ({@link #handles}), so the ESRGAN engines answer it as if this one did not exist. Keeps
 * one {@link SdPipeline} loaded between jobs (loading costs seconds to minutes for real models) and swaps it when
 * the installed model changes; closing the engine frees it; the {@link ModelMemory} may unload it when idle or to
 * make room (never during a job), and the next job loads it again. Jobs run one at a time (the descriptor says
 * heavy; {@code run} holds a lock besides).
 */
final class DiffusionEngine implements Engine {

    private final EngineContext context;
    private final Path storeRoot;
    /** The last model looked at and its layout: describing reads ONNX headers, too slow for every request. */
    private volatile Described described;
    /** Guards {@link #loaded}: jobs and closing wait for each other, while {@link #unsupportedReason} never waits. */
    private final Object runLock = new Object();
    private Loaded loaded;
    /** Whether the running job pinned {@link #loaded}. */
    private boolean pinned;
    /** The ESRGAN models Upscale runs first, on ONNX Runtime as the ONNX engine runs them. */
    private final ModelCache esrgan;

    /** A model as installed (folder and manifest time, so a re-import under the same id is noticed) and its layout. */
    private record Described(DiffusionModels.Installed model, SdModelLayout layout) {}

    /** The loaded pipeline and the installed model it came from. */
    private record Loaded(DiffusionModels.Installed model, Resident<SdPipeline> pipeline) {}

    DiffusionEngine(EngineContext context, Path storeRoot) {
        this.context = context;
        this.storeRoot = storeRoot;
        this.esrgan = new ModelCache(DjlRuntime.ONNX_RUNTIME, context.cacheDir(), context.threads(),
                context.memory());
    }

    /** Upscale only for Balanced and Creative with a model installed; every other operation is asked. */
    @Override
    public boolean handles(OperationRequest request) {
        if (request instanceof UpscaleRequest u) {
            return u.preset() != UpscalePreset.PRECISE && DiffusionModels.find(storeRoot).isPresent();
        }
        return true;
    }

    @Override
    public Optional<String> unsupportedReason(OperationRequest request) {
        if (request instanceof UpscaleRequest u && u.preset() == UpscalePreset.PRECISE) {
            return Optional.of("Precise upscaling never invents detail, so it is not refined by diffusion");
        }
        if (!(request instanceof Img2ImgRequest || request instanceof RetouchRequest
                || request instanceof ExpandRequest || request instanceof UpscaleRequest)) {
            return Optional.of(request.operation().title() + " is not a diffusion operation");
        }
        Optional<DiffusionModels.Installed> model = DiffusionModels.find(storeRoot);
        if (model.isEmpty()) {
            return Optional.of(DiffusionModels.NONE);
        }
        String id = "the diffusion model '" + model.get().id() + "'";
        SdModelLayout l;
        try {
            l = layout(model.get());
        } catch (ModelException e) {
            return Optional.of(id + " cannot be read: " + e.getMessage());
        }
        if (!l.isRunnable()) {
            return Optional.of(id + " is incomplete: " + String.join("; ", l.problems()));
        }
        if (!l.canEncodeImages()) {
            return Optional.of(id + " has no vae_encoder/, which " + request.operation().title() + " needs");
        }
        if (l.inpainting() && (request instanceof Img2ImgRequest || request instanceof UpscaleRequest)) {
            return Optional.of(id + " is an inpainting model; " + request.operation().title()
                    + " needs a regular one");
        }
        return Optional.empty();
    }

    @Override
    public OperationResult run(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        synchronized (runLock) {
            try {
                return runLocked(request, input, progress, cancel);
            } finally {
                if (loaded != null && pinned) {
                    pinned = false;
                    loaded.pipeline().unpin(); // idle from now on
                }
            }
        }
    }

    private OperationResult runLocked(OperationRequest request, JobInput input, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        cancel.check();
        Optional<String> reason = unsupportedReason(request);
        if (reason.isPresent()) {
            throw new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, reason.get());
        }
        DiffusionModels.Installed model = DiffusionModels.find(storeRoot).orElseThrow();
        progress.report(0, "loading " + model.id());
        SdPipeline pipeline = pipeline(model);
        cancel.check();
        if (request instanceof UpscaleRequest u) {
            RefineSettings settings = RefineSettings.of(u.preset(), pipeline.layout().family());
            return new DiffusionUpscale(pipeline, model.id(), settings, storeRoot, esrgan, context.threads(),
                    progress, cancel).run(u, input);
        }
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

    private SdModelLayout layout(DiffusionModels.Installed model) throws ModelException {
        Described d = described;
        if (d == null || !d.model().equals(model)) {
            d = new Described(model, SdModelLayout.describe(model.folder()));
            described = d;
        }
        return d.layout();
    }

    /** The pipeline for {@code model}, pinned for this job: the loaded one, or a new one replacing it. */
    private SdPipeline pipeline(DiffusionModels.Installed model) throws AtelierException {
        if (loaded != null && loaded.model().equals(model)) {
            Optional<SdPipeline> p = loaded.pipeline().pin();
            if (p.isPresent()) {
                pinned = true;
                return p.get();
            }
        }
        closeLoaded();
        SdModelLayout layout;
        try {
            layout = layout(model);
        } catch (ModelException e) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, e.getMessage(), e);
        }
        // the folder's bytes on disk stand for the pipeline's memory (weights dominate)
        loaded = new Loaded(model, context.memory().load("diffusion/" + model.id(),
                ModelMemory.sizeOnDisk(model.folder()), () -> open(layout)));
        pinned = true;
        return loaded.pipeline().model();
    }

    private SdPipeline open(SdModelLayout layout) throws AtelierException {
        try {
            return SdPipeline.open(layout, context.cacheDir(), context.threads()); // runtime from the parts' format
        } catch (ModelException e) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, e.getMessage(), e);
        }
    }

    private void closeLoaded() {
        if (loaded != null) {
            loaded.pipeline().close();
            loaded = null;
        }
    }

    @Override
    public void close() {
        synchronized (runLock) {
            closeLoaded();
            esrgan.close();
        }
    }
}
