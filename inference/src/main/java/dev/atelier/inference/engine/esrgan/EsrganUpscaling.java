package dev.atelier.inference.engine.esrgan;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.LanczosUpscaler;
import dev.atelier.inference.engine.djl.DjlModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Upscale with an ESRGAN model, the same on every runtime: the preset picks the family, the factor picks the
 * scale (a factor the family lacks is composed with Lanczos), the image is run in feathered tiles, and alpha is
 * resized with Lanczos since the models only see RGB.
 */
public final class EsrganUpscaling {

    /** Loads (or returns the cached) model at a path. */
    @FunctionalInterface
    public interface Loader {
        DjlModel load(Path model) throws AtelierException;
    }

    /** The hint in every "no model" message. */
    public static final String NO_MODEL = "no ESRGAN model installed (atelier models install esrgan-slim)";

    private EsrganUpscaling() {}

    /**
     * Returns the family a preset uses. Precise: esrgan-medium, else slim, else thick — faithful and quick.
     * Balanced and Creative: the heaviest installed (thick restores the most detail); with a diffusion model
     * installed the diffusion engine runs this, then refines the result.
     */
    public static Optional<EsrganModels.Installed> choose(List<EsrganModels.Installed> installed,
            UpscalePreset preset) {
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        if (preset == UpscalePreset.PRECISE) {
            for (String id : List.of("esrgan-medium", "esrgan-slim", "esrgan-thick")) {
                for (EsrganModels.Installed m : installed) {
                    if (m.id().equals(id)) {
                        return Optional.of(m);
                    }
                }
            }
        }
        return Optional.of(installed.get(installed.size() - 1));
    }

    /** Returns the model scale to run for {@code factor}: exact, else the largest below, else the smallest above. */
    public static int scaleFor(EsrganModels.Installed m, int factor) {
        if (m.files().containsKey(factor)) {
            return factor;
        }
        Integer below = m.files().floorKey(factor);
        return below != null ? below : m.files().ceilingKey(factor);
    }

    /** Runs {@code u} on {@code input} with the preset's model; {@code runsOn} names runtime and device. */
    public static OperationResult run(UpscaleRequest u, JobInput input, List<EsrganModels.Installed> installed,
            Loader loader, String runsOn, int threads, TiledUpscaler.Tiling tiling, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        cancel.check();
        EsrganModels.Installed model = choose(installed, u.preset())
                .orElseThrow(() -> new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, NO_MODEL));
        int scale = scaleFor(model, u.factor());
        DjlModel net = loader.load(model.files().get(scale));
        Raster src = input.image();
        List<String> notices = new ArrayList<>();
        notices.add(model.id() + " ×" + scale + " ran on " + runsOn);
        Raster alpha = null;
        if (TiledUpscaler.hasAlpha(src)) {
            alpha = LanczosUpscaler.resize(src, src.width() * scale, src.height() * scale, threads,
                    ProgressSink.none(), cancel);
        }
        boolean compose = scale != u.factor();
        boolean nhwc = model.layout().equals("NHWC");
        Raster out = TiledUpscaler.upscale(src, scale, model.rangeMax(), (chw, w, h) -> runTile(net, nhwc, chw, w, h),
                tiling, alpha, progress, 0, compose ? 0.85 : 1, cancel);
        if (compose) {
            out = LanczosUpscaler.resize(out, src.width() * u.factor(), src.height() * u.factor(), threads,
                    (f, msg) -> progress.report(0.85 + 0.15 * f, msg), cancel);
            notices.add("×" + u.factor() + " composed: " + model.id() + " ×" + scale + ", then Lanczos "
                    + (scale < u.factor() ? "×" + (u.factor() / scale) : "down to ×" + u.factor()));
        }
        if (u.preset() == UpscalePreset.CREATIVE) {
            notices.add("Creative's diffusion refinement needs a Stable Diffusion model (atelier models import "
                    + "<folder> --task diffusion); " + model.id() + " alone was used (the same as Balanced)");
        }
        return OperationResult.whole(out, notices);
    }

    /** Runs one planar RGB tile, converting to and from NHWC for models that want it. */
    static float[] runTile(DjlModel net, boolean nhwc, float[] chw, int w, int h) throws AtelierException {
        if (!nhwc) {
            return net.run(chw, 1, 3, h, w).values();
        }
        DjlModel.Output out = net.run(Layouts.chwToHwc(chw, w, h), 1, h, w, 3);
        long[] s = out.shape(); // 1, H·scale, W·scale, 3
        if (s.length != 4 || s[3] != 3) {
            throw new AtelierException(ErrorCode.INTERNAL, "NHWC model returned shape " + Arrays.toString(s));
        }
        return Layouts.hwcToChw(out.values(), (int) s[2], (int) s[1]);
    }
}
