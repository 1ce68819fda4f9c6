package dev.atelier.inference.engine.diffusion;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.diffusion.SdPipeline;
import dev.atelier.inference.diffusion.SdRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.LanczosUpscaler;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.engine.djl.ModelCache;
import dev.atelier.inference.engine.esrgan.EsrganModels;
import dev.atelier.inference.engine.esrgan.EsrganUpscaling;
import dev.atelier.inference.engine.esrgan.TiledUpscaler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upscale Balanced or Creative with a diffusion model: the ESRGAN upscale the ONNX engine runs (the same family,
 * scale and tiling; Lanczos when no ESRGAN model is installed), then {@link TiledRefiner}'s low-strength img2img
 * over the result with the loaded pipeline, per {@link RefineSettings}.
 *
 * @param esrgan the ONNX ESRGAN models of the store (loaded on first use, kept loaded like the ONNX engine's)
 */
record DiffusionUpscale(SdPipeline pipeline, String modelId, RefineSettings settings, Path storeRoot,
        ModelCache esrgan, int threads, ProgressSink progress, CancelToken cancel) {

    /** Progress spent on the ESRGAN upscale; the diffusion tiles take the rest (they cost far more). */
    static final double UPSCALE_SHARE = 0.1;

    OperationResult run(UpscaleRequest u, JobInput input) throws AtelierException {
        cancel.check();
        List<String> notices = new ArrayList<>();
        Raster big = enlarge(u, input, notices);
        Raster refined = TiledRefiner.refine(big, settings.tile(), settings.overlap(), (tile, index, steps) ->
                pipeline.generate(new SdRequest(settings.prompt(), "", tile.width(), tile.height(), settings.steps(),
                        settings.guidance(), DiffusionJobs.SCHEDULER,
                        settings.seed() + index, tile, settings.influence(), null), steps, cancel::isCancelled)
                        .image(), progress, UPSCALE_SHARE, 1, cancel);
        progress.report(1, "done");
        int tiles = TiledRefiner.regions(big.width(), big.height(), settings.tile(), settings.overlap()).size();
        notices.add(modelId + " refined it in " + tiles + (tiles == 1 ? " tile" : " tiles") + " at strength "
                + settings.strength());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", modelId);
        meta.put("seed", Long.toString(settings.seed()));
        meta.put("strength", Double.toString(settings.strength()));
        meta.put("tiles", Integer.toString(tiles));
        meta.put("tile", settings.tile() + "x" + settings.tile());
        meta.put("overlap", Integer.toString(settings.overlap()));
        meta.put("steps", Integer.toString(settings.stepsRun()));
        meta.put("scheduler", DiffusionJobs.SCHEDULER);
        return OperationResult.whole(refined, notices).withMetadata(meta);
    }

    /** The ESRGAN (else Lanczos) upscale the ONNX (else classical) engine would give Balanced, notices included. */
    private Raster enlarge(UpscaleRequest u, JobInput input, List<String> notices) throws AtelierException {
        ProgressSink head = (f, msg) -> progress.report(UPSCALE_SHARE * f, msg);
        List<EsrganModels.Installed> installed = EsrganModels.installed(storeRoot, DjlRuntime.ONNX_RUNTIME);
        if (installed.isEmpty()) {
            notices.add("No ESRGAN model is installed, so Lanczos enlarged the image before the refinement ("
                    + EsrganUpscaling.NO_MODEL + ")");
            return LanczosUpscaler.upscale(input.image(), u.factor(), threads, head, cancel);
        }
        try {
            // Balanced and Creative pick the same ESRGAN family; as Balanced it adds no "Creative needs" notice.
            OperationResult r = EsrganUpscaling.run(new UpscaleRequest(u.factor(), UpscalePreset.BALANCED), input,
                    installed, esrgan::get, esrgan.runsOn(), threads, TiledUpscaler.Tiling.DEFAULT, head, cancel);
            notices.addAll(r.notices());
            return r.image();
        } finally {
            esrgan.release();
        }
    }
}
