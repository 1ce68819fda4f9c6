package dev.atelier.inference.engine.classical;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Edge;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.MaskView;
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
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retouch and Expand without a model: the shared plan says what to repaint, {@link PatchMatchFill} repaints it
 * from the image's own patches, {@link ColourMatch} takes out any colour shift against the pixels still known around
 * it, and the plan's compositor lays it back. The fill looks further than the plan's
 * context (a patch search needs material; a diffusion model does not), within a window around the hole.
 */
final class ContentAwareFill {

    static final String NOTICE = "No diffusion model is installed, so a content-aware fill repainted the area "
            + "from the image's own patches (the prompt is not used)";
    /** The seed used when the request asks for a random one: the same input gives the same fill. */
    private static final long DEFAULT_SEED = 0x5EED;

    private ContentAwareFill() {}

    static OperationResult retouch(RetouchRequest r, Raster image, Mask selection, int threads,
            ProgressSink progress, CancelToken cancel) throws AtelierException {
        cancel.check();
        InpaintPlan plan;
        try {
            plan = InpaintPlanner.plan(selection, InpaintSettings.of(r));
        } catch (IllegalArgumentException e) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "Retouch: " + e.getMessage()
                    + "; select the area to repaint first");
        }
        Bounds ctx = plan.context();
        Bounds holeBounds = plan.generation().nonZeroBounds().translate(ctx.x(), ctx.y());
        Bounds window = window(holeBounds, image.bounds()).union(ctx);
        byte[] hole = new byte[(int) window.area()];
        for (int y = 0; y < ctx.height(); y++) {
            for (int x = 0; x < ctx.width(); x++) {
                if (plan.generation().get(x, y) != 0) {
                    hole[(ctx.y() - window.y() + y) * window.width() + ctx.x() - window.x() + x] = (byte) 255;
                }
            }
        }
        Raster filled = PatchMatchFill.fill(image.crop(window), Mask.wrap(window.width(), window.height(), hole),
                seed(r.generation()), threads, progress, cancel);
        boolean[] holes = new boolean[hole.length];
        boolean[] known = new boolean[hole.length];
        MaskView sel = selection.crop(window);
        for (int y = 0, i = 0; y < window.height(); y++) {
            for (int x = 0; x < window.width(); x++, i++) {
                holes[i] = hole[i] != 0;
                known[i] = sel.get(x, y) == 0; // the feather band was repainted, but its original is known
            }
        }
        filled = ColourMatch.applied(image.crop(window), filled, holes, known);
        RgbaView generated = filled.crop(ctx.translate(-window.x(), -window.y()));
        return PlanCompositor.composite(image, plan, generated, notices(r.generation()))
                .withMetadata(Map.of("plan", plan.describe().strip()));
    }

    static OperationResult expand(ExpandRequest r, Raster image, Optional<Mask> selection, int threads,
            ProgressSink progress, CancelToken cancel) throws AtelierException {
        cancel.check();
        ExpandPlan plan;
        try {
            plan = ExpandPlanner.plan(r, image.width(), image.height(), selection);
        } catch (IllegalArgumentException e) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, (e.getMessage().startsWith("Expand") ? "" : "Expand: ") + e.getMessage());
        }
        var m = plan.margins();
        RgbaView canvas = image.pad(m.left(), m.top(), m.right(), m.bottom(), Edge.TRANSPARENT);
        Bounds all = Bounds.of(plan.width(), plan.height());
        Bounds window = window(plan.generation().nonZeroBounds(), all);
        MaskView hole = plan.generation().crop(window);
        Raster filled = PatchMatchFill.fill(canvas.crop(window), hole, seed(r.generation()), threads, progress,
                cancel);
        boolean[] holes = new boolean[(int) window.area()];
        boolean[] known = new boolean[holes.length];
        Bounds old = new Bounds(m.left(), m.top(), image.width(), image.height());
        for (int y = 0, i = 0; y < window.height(); y++) {
            for (int x = 0; x < window.width(); x++, i++) {
                holes[i] = hole.get(x, y) != 0;
                known[i] = old.contains(window.x() + x, window.y() + y);
            }
        }
        filled = ColourMatch.applied(canvas.crop(window), filled, holes, known);
        byte[] whole = new byte[Raster.checkedSize(plan.width(), plan.height())];
        for (int y = 0; y < plan.height(); y++) {
            if (y >= window.y() && y < window.bottom()) {
                canvas.readRow(y, 0, window.x(), whole, 4 * plan.width() * y);
                filled.readRow(y - window.y(), 0, window.width(), whole, 4 * (plan.width() * y + window.x()));
                canvas.readRow(y, window.right(), plan.width() - window.right(), whole,
                        4 * (plan.width() * y + window.right()));
            } else {
                canvas.readRow(y, 0, plan.width(), whole, 4 * plan.width() * y);
            }
        }
        return PlanCompositor.composite(image, plan, Raster.wrap(plan.width(), plan.height(), whole),
                notices(r.generation())).withMetadata(Map.of("plan", plan.describe().strip()));
    }

    /** The hole's bounds grown by its longer side (at least 64 px), inside {@code limit}: where patches come from. */
    static Bounds window(Bounds hole, Bounds limit) {
        int reach = Math.max(64, Math.max(hole.width(), hole.height()));
        return hole.grow(reach).intersect(limit);
    }

    /** The fill's notice, and for a batch, why there is one image: the fill has no seed to vary. */
    static List<String> notices(Generation g) {
        return g.count() == 1 ? List.of(NOTICE) : List.of(NOTICE, "The content-aware fill always gives the same "
                + "result, so one image was made instead of " + g.count() + " variations");
    }

    private static long seed(Generation g) {
        return g.seed() < 0 ? DEFAULT_SEED : g.seed();
    }
}
