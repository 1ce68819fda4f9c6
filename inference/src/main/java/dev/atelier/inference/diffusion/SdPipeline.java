package dev.atelier.inference.diffusion;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.diffusion.scheduler.LatentNoise;
import dev.atelier.inference.diffusion.scheduler.Scheduler;
import dev.atelier.inference.diffusion.scheduler.SchedulerConfig;
import dev.atelier.inference.diffusion.scheduler.Schedulers;
import dev.atelier.inference.diffusion.scheduler.Strength;
import dev.atelier.inference.engine.djl.DjlEngines;
import dev.atelier.inference.engine.djl.DjlModel;
import dev.atelier.inference.engine.djl.DjlRuntime;
import dev.atelier.inference.models.ModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A loaded Stable Diffusion 1.x/2.x/XL model (diffusers or optimum layout, see {@link SdModelLayout}) and the
 * sampling loop around it: txt2img, img2img and inpainting with a regular or a 9-channel inpainting UNet. Owns the
 * loaded parts (the text encoders through {@link TextConditioning}, the VAE through {@link VaeCodec}); close it
 * to free them. SDXL's UNet also gets the pooled prompt embedding ({@code text_embeds}) and {@code time_ids}
 * ({@link #timeIds}). Scheduler, guidance and blending maths run on Java float arrays; only the networks run in
 * the engine. Not thread-safe.
 *
 * <p><b>Guidance.</b> With {@code guidance > 1} each step runs the UNet twice with batch 1 (negative prompt, then
 * prompt) rather than once with batch 2: half the activation memory for the same arithmetic, and models exported
 * with a fixed batch of 1 work too. The prediction is {@code uncond + g·(text − uncond)}.
 *
 * <p><b>Seeds.</b> One {@link LatentNoise} generator per request, seeded with the request's seed, gives the start
 * noise and then any noise a stochastic scheduler asks for, so a seed reproduces its image on any machine (not the
 * image the same seed gives in diffusers, whose generator is torch's).
 */
public final class SdPipeline implements AutoCloseable {

    /** Per-step progress: {@code done} of {@code total} steps, and a latent-sized preview of the current latent. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total, RgbPlanes preview);

        static Progress none() {
            return (done, total, preview) -> { };
        }
    }

    /**
     * A finished generation: the image and the final latents ({@code [channels, height/8, width/8]}, scaled, the
     * ones that went into the decoder after division by the scaling factor).
     */
    public record Result(RgbPlanes image, float[] latents, int latentChannels, int latentHeight, int latentWidth) {}

    private final SdModelLayout layout;
    private final TextConditioning text;
    private final SchedulerConfig schedulerConfig;
    private final DjlModel unet;
    private final VaeCodec vae;

    private SdPipeline(SdModelLayout layout, TextConditioning text, SchedulerConfig schedulerConfig,
            DjlModel unet, VaeCodec vae) {
        this.layout = layout;
        this.text = text;
        this.schedulerConfig = schedulerConfig;
        this.unet = unet;
        this.vae = vae;
    }

    /**
     * Loads the parts {@code layout} names on {@code engine}.
     *
     * @throws ModelException when the layout has problems, or a tokenizer cannot be read
     * @throws AtelierException when the engine cannot load a part
     */
    public static SdPipeline open(SdModelLayout layout, DjlEngines.Started engine, int threads)
            throws ModelException, AtelierException {
        layout.requireRunnable();
        if (engine.runtime() != runtime(layout)) {
            throw new ModelException(layout.folder() + " holds " + layout.format().label() + " parts, which run on "
                    + runtime(layout).label() + ", not " + engine.runtime().label());
        }
        SchedulerConfig config;
        try {
            config = layout.schedulerConfig() == null ? SchedulerConfig.sd15()
                    : SchedulerConfig.read(layout.schedulerConfig());
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelException("scheduler/scheduler_config.json: " + e.getMessage(), e);
        }
        TextConditioning text = TextConditioning.open(layout, engine, threads);
        DjlModel unet = null;
        try {
            unet = DjlModel.load(engine, layout.unet().model(), threads);
            return new SdPipeline(layout, text, config, unet, VaeCodec.open(layout, engine, threads));
        } catch (AtelierException | RuntimeException e) {
            // VaeCodec.open closes its own parts when it fails; these are the ones opened before it.
            if (unet != null) {
                unet.close();
            }
            text.close();
            throw e;
        }
    }

    /**
     * Opens the model in {@code layout} on the runtime its format needs (started on first use, caches under
     * {@code cacheDir}).
     */
    public static SdPipeline open(SdModelLayout layout, Path cacheDir, int threads)
            throws ModelException, AtelierException {
        layout.requireRunnable();
        return open(layout, DjlEngines.start(runtime(layout), cacheDir), threads);
    }

    /** The runtime that runs a model of {@code layout}'s format: ONNX Runtime, or TensorFlow for SavedModels. */
    public static DjlRuntime runtime(SdModelLayout layout) {
        return layout.format() == SdModelLayout.Format.SAVED_MODEL ? DjlRuntime.TENSORFLOW : DjlRuntime.ONNX_RUNTIME;
    }

    /** The layout this pipeline was opened from. */
    public SdModelLayout layout() {
        return layout;
    }

    /** The scheduler config read from the model (SD 1.5's when it has none). */
    public SchedulerConfig schedulerConfig() {
        return schedulerConfig;
    }

    /**
     * Runs {@code request}: progress after every step, {@code cancelled} checked before every step.
     *
     * @throws AtelierException {@link ErrorCode#CANCELLED} when cancelled between steps,
     *     {@link ErrorCode#INVALID_PARAMETERS} for a request the model cannot run, engine failures otherwise
     */
    public Result generate(SdRequest request, Progress progress, BooleanSupplier cancelled) throws AtelierException {
        if (request.image() != null && !vae.canEncode()) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "This model has no vae_encoder/, so it can only "
                    + "create images from text");
        }
        if (layout.inpainting() && request.mask() == null) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "This is an inpainting model: it needs an image "
                    + "and a mask");
        }
        int c = layout.latentChannels();
        int h = request.height() / 8;
        int w = request.width() / 8;
        double strength = request.image() == null ? 1 : Strength.fromInfluence(request.influence());
        float[] imageLatents = request.image() == null ? null : encode(request.image());
        if ((int) (request.steps() * strength) == 0) {
            // Influence 100 (or too few steps for the strength): nothing to denoise, the image is the result.
            progress.step(0, 0, LatentPreview.of(imageLatents, c, h, w));
            return new Result(decode(imageLatents, c, h, w), imageLatents, c, h, w);
        }
        Scheduler scheduler;
        try {
            scheduler = Schedulers.create(request.scheduler(), schedulerConfig);
            scheduler.setTimesteps(request.steps(), strength);
        } catch (IllegalArgumentException e) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, e.getMessage(), e);
        }
        Conditioning cond = encodePrompts(request.prompt(), request.negativePrompt(), request.guidance());

        LatentNoise noiseSource = new LatentNoise(request.seed());
        float[] noise = noiseSource.gaussian(c * h * w);
        float[] start;
        if (imageLatents == null || strength >= 1) {
            // Pure noise: txt2img, and img2img / inpainting at strength 1 ignore the image's content here.
            start = scaled(noise, scheduler.initNoiseSigma());
        } else {
            start = scheduler.addNoise(imageLatents, noise, 0);
        }
        Inpaint inpaint = null;
        if (request.mask() != null) {
            float[] mask = latentMask(request.mask(), request.width(), request.height());
            float[] masked = layout.inpainting() ? encode(maskedImage(request.image(), request.mask())) : null;
            inpaint = new Inpaint(mask, imageLatents, noise, masked);
        }
        float[] timeIds = layout.xl() == null ? null : timeIds(request.height(), request.width());
        float[] latents = denoise(new Denoise(scheduler, start, c, h, w, cond, inpaint, timeIds), noiseSource,
                progress, cancelled);
        return new Result(decode(latents, c, h, w), latents, c, h, w);
    }

    /** Prompt embeddings and the guidance scale; {@code uncond} is null without CFG. */
    record Conditioning(TextConditioning.Embedding text, TextConditioning.Embedding uncond, float guidance) {}

    /**
     * Inpainting inputs at latent size: {@code mask} (1 = repaint), clean image latents and the start noise (for
     * the regular UNet's blend), masked-image latents (only for a 9-channel UNet, else null).
     */
    record Inpaint(float[] mask, float[] imageLatents, float[] noise, float[] maskedImageLatents) {}

    /**
     * The denoising loop's inputs; {@code scheduler} has had its timesteps set, {@code start} is at its first;
     * {@code timeIds} SDXL's (both CFG halves get the same; null: those of the latent size), else null.
     */
    record Denoise(Scheduler scheduler, float[] start, int channels, int height, int width, Conditioning cond,
            Inpaint inpaint, float[] timeIds) {

        Denoise(Scheduler scheduler, float[] start, int channels, int height, int width, Conditioning cond,
                Inpaint inpaint) {
            this(scheduler, start, channels, height, width, cond, inpaint, null);
        }
    }

    /**
     * SDXL's {@code time_ids} for a {@code height}×{@code width} generation, as diffusers' {@code _get_add_time_ids}
     * with its defaults: original size (h, w), crop corner (0, 0), target size (h, w).
     */
    static float[] timeIds(int height, int width) {
        return new float[] {height, width, 0, 0, height, width};
    }

    /** Encodes {@code prompt} and, when {@code guidance > 1}, {@code negativePrompt} (CFG's unconditional half). */
    Conditioning encodePrompts(String prompt, String negativePrompt, double guidance) throws AtelierException {
        return text.encode(prompt, negativePrompt, guidance);
    }

    /** The conditioning of {@code prompt} (SD 1.x/2.x: the text encoder's {@code last_hidden_state}). */
    TextConditioning.Embedding encodeText(String prompt) throws AtelierException {
        return text.encode(prompt);
    }

    /**
     * The sampling loop. Before each step the cancel check; per step one UNet run (two with CFG), the scheduler
     * step, for a regular UNet with a mask the re-noised blend, then progress with a preview.
     */
    float[] denoise(Denoise d, LatentNoise noiseSource, Progress progress, BooleanSupplier cancelled)
            throws AtelierException {
        Scheduler scheduler = d.scheduler();
        float[] timesteps = scheduler.timesteps();
        int n = timesteps.length;
        float[] latents = d.start();
        Inpaint inpaint = d.inpaint();
        boolean nineChannels = layout.inpainting();
        for (int i = 0; i < n; i++) {
            if (cancelled.getAsBoolean()) {
                throw new AtelierException(ErrorCode.CANCELLED, "Cancelled after " + i + " of " + n + " steps");
            }
            float[] in = scheduler.scaleModelInput(latents, i);
            int inChannels = d.channels();
            if (nineChannels) {
                in = concat(in, inpaint.mask(), inpaint.maskedImageLatents());
                inChannels = d.channels() + 1 + d.channels();
            }
            long[] sampleShape = {1, inChannels, d.height(), d.width()};
            float[] eps = predict(in, sampleShape, timesteps[i], d.cond().text(), d.timeIds());
            if (d.cond().uncond() != null) {
                float[] u = predict(in, sampleShape, timesteps[i], d.cond().uncond(), d.timeIds());
                float g = d.cond().guidance();
                for (int k = 0; k < eps.length; k++) {
                    eps[k] = u[k] + g * (eps[k] - u[k]);
                }
            }
            latents = scheduler.step(eps, i, latents, noiseSource).sample();
            if (inpaint != null && !nineChannels) {
                float[] init = i < n - 1
                        ? scheduler.addNoise(inpaint.imageLatents(), inpaint.noise(), i + 1)
                        : inpaint.imageLatents();
                latents = blend(inpaint.mask(), init, latents, d.height() * d.width());
            }
            progress.step(i + 1, n, LatentPreview.of(latents, d.channels(), d.height(), d.width()));
        }
        return latents;
    }

    private float[] predict(float[] sample, long[] shape, float t, TextConditioning.Embedding cond, float[] timeIds)
            throws AtelierException {
        List<DjlModel.Tensor> in = new ArrayList<>(List.of(DjlModel.Tensor.of("sample", sample, shape), timestep(t),
                DjlModel.Tensor.of("encoder_hidden_states", cond.hidden(), cond.shape())));
        if (layout.xl() != null) {
            float[] ids = timeIds != null ? timeIds : timeIds((int) shape[2] * 8, (int) shape[3] * 8);
            in.add(DjlModel.Tensor.of("text_embeds", cond.pooled(), 1, cond.pooled().length));
            in.add(DjlModel.Tensor.of("time_ids", ids, 1, ids.length));
        }
        float[] out = output(unet.run(in), "out_sample", "unet").values();
        int expected = (int) (shape[2] * shape[3]) * layout.latentChannels();
        if (out.length != expected) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, "unet returned " + out.length + " values, expected "
                    + expected);
        }
        return out;
    }

    /** The timestep in the UNet's element type (integers truncated, as numpy's astype does) and rank. */
    private DjlModel.Tensor timestep(float t) {
        SdModelLayout.TensorSpec spec = layout.timestep();
        long[] shape = spec.rank() == 0 ? new long[0] : new long[] {1};
        return switch (spec.elemType()) {
            case SdModelLayout.INT64 -> DjlModel.Tensor.of("timestep", new long[] {(long) t}, shape);
            case SdModelLayout.INT32 -> DjlModel.Tensor.of("timestep", new int[] {(int) t}, shape);
            case SdModelLayout.DOUBLE -> DjlModel.Tensor.of("timestep", new double[] {t}, shape);
            default -> DjlModel.Tensor.of("timestep", new float[] {t}, shape);
        };
    }

    /** Encodes an image to scaled latents (see {@link VaeCodec#encode}). */
    public float[] encode(RgbPlanes image) throws AtelierException {
        return vae.encode(image);
    }

    /** Decodes scaled latents to an image, tiled when large (see {@link VaeCodec#decode}). */
    public RgbPlanes decode(float[] latents, int channels, int height, int width) throws AtelierException {
        return vae.decode(latents, channels, height, width);
    }

    /** Sets the VAE decoder's tile and overlap, in latents (tests; large models may want smaller tiles). */
    void tiling(int tileLatents, int overlapLatents) {
        vae.tiling(tileLatents, overlapLatents);
    }

    @Override
    public void close() {
        text.close();
        unet.close();
        vae.close();
    }

    // -- Helpers --

    /** The mask at latent size: nearest neighbour (the pixel at 8·y, 8·x), binarised at 0.5; 1 = repaint. */
    static float[] latentMask(float[] mask, int width, int height) {
        int w = width / 8;
        int h = height / 8;
        float[] m = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m[y * w + x] = mask[(y * 8) * width + x * 8] >= 0.5f ? 1f : 0f;
            }
        }
        return m;
    }

    /** The image with the repainted area set to mid grey (0 in the VAE's −1..1), as diffusers' masked image. */
    static RgbPlanes maskedImage(RgbPlanes image, float[] mask) {
        int n = image.width() * image.height();
        float[] v = image.values().clone();
        for (int p = 0; p < n; p++) {
            if (mask[p] >= 0.5f) {
                v[p] = 0.5f;
                v[n + p] = 0.5f;
                v[2 * n + p] = 0.5f;
            }
        }
        return new RgbPlanes(image.width(), image.height(), v);
    }

    /** (1 − mask)·keep + mask·latents, the mask broadcast over channels. */
    static float[] blend(float[] mask, float[] keep, float[] latents, int plane) {
        float[] r = new float[latents.length];
        for (int i = 0; i < r.length; i++) {
            float m = mask[i % plane];
            r[i] = (1 - m) * keep[i] + m * latents[i];
        }
        return r;
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] r = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, r, at, p.length);
            at += p.length;
        }
        return r;
    }

    private static float[] scaled(float[] x, float k) {
        float[] r = new float[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] * k;
        }
        return r;
    }

    private static DjlModel.Output output(Map<String, DjlModel.Output> outputs, String name, String part)
            throws AtelierException {
        return TextConditioning.output(outputs, name, part);
    }
}
