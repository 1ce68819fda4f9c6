package dev.atelier.inference.engine.diffusion;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Edge;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.core.plan.ExpandPlan;
import dev.atelier.core.plan.ExpandPlanner;
import dev.atelier.core.plan.InpaintPlan;
import dev.atelier.core.plan.InpaintPlanner;
import dev.atelier.core.plan.InpaintSettings;
import dev.atelier.core.plan.PlanCompositor;
import dev.atelier.inference.diffusion.RgbPlanes;
import dev.atelier.inference.diffusion.SdModelLayout;
import dev.atelier.inference.diffusion.SdPipeline;
import dev.atelier.inference.diffusion.SdRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One diffusion job on a loaded pipeline. Retouch and Expand follow the classical fill's flow exactly: the shared
 * plan says what to repaint, the pipeline repaints the plan's area at the model's size (the longer side at
 * the family's {@link SdModelLayout.SdFamily#defaultSide()}: 512 for SD 1.x/2.x, 1024 for SDXL; multiples of 8),
 * the result is resized back and laid over the original through the plan's compositor, so pixels outside the blend
 * mask stay bit-identical.
 *
 * @param seed the seed actually used (the request's, or the random one drawn for -1)
 */
record DiffusionJobs(SdPipeline pipeline, String modelId, Generation generation, long seed, ProgressSink progress,
        CancelToken cancel) {

    /** The scheduler every job uses: deterministic, so a seed reproduces its image. */
    static final String SCHEDULER = "euler";
    /** Progress spent on the denoising steps; the rest covers loading, decoding and compositing. */
    private static final double STEPS_SHARE = 0.95;

    /** The longer side this model generates at (512 for SD 1.x/2.x, 1024 for SDXL). */
    int side() {
        return pipeline.layout().family().defaultSide();
    }

    OperationResult img2img(Raster image, int influence) throws AtelierException {
        int[] size = Pixels.generationSize(image.width(), image.height(), side());
        List<OperationResult> results = new ArrayList<>();
        for (RgbPlanes out : generate(Pixels.planes(image, size[0], size[1]), null, influence)) {
            Raster result = Pixels.raster(out, image.width(), image.height(), image); // a cut-out stays cut out
            results.add(OperationResult.whole(result, List.of()));
        }
        progress.report(1, "done");
        return finish(batch(results), size);
    }

    OperationResult retouch(RetouchRequest r, Raster image, Mask selection) throws AtelierException {
        InpaintPlan plan;
        try {
            plan = InpaintPlanner.plan(selection, InpaintSettings.of(r));
        } catch (IllegalArgumentException e) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "Retouch: " + e.getMessage()
                    + "; select the area to repaint first");
        }
        Bounds ctx = plan.context();
        int[] size = Pixels.generationSize(ctx.width(), ctx.height(), side());
        RgbPlanes crop = Pixels.planes(image.crop(ctx), size[0], size[1]);
        List<OperationResult> results = new ArrayList<>();
        for (RgbPlanes out : generate(crop, Pixels.mask(plan.generation(), size[0], size[1]), 0)) {
            Raster generated = Pixels.raster(out, ctx.width(), ctx.height(), null);
            results.add(PlanCompositor.composite(image, plan, generated, List.of()));
        }
        progress.report(1, "done");
        return finish(batch(results), size).withMetadata(Map.of("plan", plan.describe().strip()));
    }

    OperationResult expand(ExpandRequest r, Raster image, Optional<Mask> selection) throws AtelierException {
        ExpandPlan plan;
        try {
            plan = ExpandPlanner.plan(r, image.width(), image.height(), selection);
        } catch (IllegalArgumentException e) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS,
                    (e.getMessage().startsWith("Expand") ? "" : "Expand: ") + e.getMessage());
        }
        var m = plan.margins();
        // The new area is transparent black here; the mask marks it for repainting from noise.
        RgbaView canvas = image.pad(m.left(), m.top(), m.right(), m.bottom(), Edge.TRANSPARENT);
        int[] size = Pixels.generationSize(plan.width(), plan.height(), side());
        List<OperationResult> results = new ArrayList<>();
        for (RgbPlanes out : generate(Pixels.planes(canvas, size[0], size[1]),
                Pixels.mask(plan.generation(), size[0], size[1]), 0)) {
            Raster generated = Pixels.raster(out, plan.width(), plan.height(), null);
            results.add(PlanCompositor.composite(image, plan, generated, List.of()));
        }
        progress.report(1, "done");
        return finish(batch(results), size).withMetadata(Map.of("plan", plan.describe().strip()));
    }

    /**
     * Runs the pipeline on {@code image} (at generation size) once per image of the batch, image k with seed
     * {@code seed + k} (A1111's and krita-ai-diffusion's convention, so any image can be redone alone by its seed),
     * with progress across the whole batch and cancel between steps. The loop stays out of {@link SdPipeline}: each
     * run is exactly a single-image run.
     */
    private List<RgbPlanes> generate(RgbPlanes image, float[] mask, int influence) throws AtelierException {
        int count = generation.count();
        List<RgbPlanes> images = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            cancel.check();
            SdRequest request = new SdRequest(generation.prompt(), generation.negativePrompt(), image.width(),
                    image.height(), generation.steps(), generation.guidance(), SCHEDULER, seed + k, image, influence,
                    mask);
            int index = k;
            String prefix = count == 1 ? "" : "image " + (k + 1) + "/" + count + ", ";
            SdPipeline.Progress steps = (done, total, preview) -> progress.report(
                    STEPS_SHARE * (index + (total == 0 ? 1.0 : (double) done / total)) / count,
                    prefix + "step " + done + "/" + total,
                    Pixels.raster(preview, preview.width(), preview.height(), null));
            images.add(pipeline.generate(request, steps, cancel::isCancelled).image());
        }
        return images;
    }

    /** One result holding every image of the batch; placement and canvas are the same for all (same plan). */
    private static OperationResult batch(List<OperationResult> results) {
        return results.get(0).withVariations(results.subList(1, results.size()).stream()
                .map(OperationResult::image).toList());
    }

    /** Adds the notices and metadata every diffusion result carries. */
    private OperationResult finish(OperationResult result, int[] size) {
        List<String> notices = new ArrayList<>();
        if (generation.seed() < 0) {
            notices.add("Seed " + seed + " was chosen at random; set it to reproduce this result"
                    + (generation.count() > 1 ? " (image k of the batch used seed " + seed + " + k - 1)" : ""));
        }
        for (int i = notices.size() - 1; i >= 0; i--) {
            result = result.withNotice(notices.get(i));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", modelId);
        meta.put("seed", Long.toString(seed));
        if (generation.count() > 1) {
            meta.put("seeds", java.util.stream.LongStream.range(seed, seed + generation.count())
                    .mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(",")));
        }
        meta.put("size", size[0] + "x" + size[1]);
        meta.put("steps", Integer.toString(generation.steps()));
        meta.put("scheduler", SCHEDULER);
        return result.withMetadata(meta);
    }
}
