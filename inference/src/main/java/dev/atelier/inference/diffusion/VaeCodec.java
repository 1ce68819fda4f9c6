package dev.atelier.inference.diffusion;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.engine.djl.DjlEngines;
import dev.atelier.inference.engine.djl.DjlModel;
import java.util.List;

/**
 * Images to latents and back: owns a model's {@code vae_encoder} (absent for a txt2img-only model) and
 * {@code vae_decoder}, the only parts that see pixels. Latents here are scaled (the VAE's sample times
 * {@code scaling_factor}); decoding larger than {@link #TILE} latents a side runs in blended tiles so peak decoder
 * memory stays that of one tile. Close it to free both parts. Not thread-safe.
 */
final class VaeCodec implements AutoCloseable {

    /** Latent tile side for the VAE decoder (512 px). */
    static final int TILE = 64;
    /** Latent overlap between neighbouring decoder tiles (128 px, blended with linear ramps). */
    static final int TILE_OVERLAP = 16;

    private final SdModelLayout layout;
    private final DjlModel encoder;
    private final DjlModel decoder;
    private int tile = TILE;
    private int tileOverlap = TILE_OVERLAP;

    private VaeCodec(SdModelLayout layout, DjlModel encoder, DjlModel decoder) {
        this.layout = layout;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** Loads the encoder (when the layout has one), then the decoder; on failure closes what it loaded. */
    static VaeCodec open(SdModelLayout layout, DjlEngines.Started engine, int threads) throws AtelierException {
        DjlModel enc = layout.vaeEncoder() == null ? null : DjlModel.load(engine, layout.vaeEncoder().model(), threads);
        try {
            return new VaeCodec(layout, enc, DjlModel.load(engine, layout.vaeDecoder().model(), threads));
        } catch (AtelierException | RuntimeException e) {
            if (enc != null) {
                enc.close();
            }
            throw e;
        }
    }

    /** Whether the model has a {@code vae_encoder/}: without one it can only create images from text. */
    boolean canEncode() {
        return encoder != null;
    }

    /**
     * Encodes an image to scaled latents ({@code scaling_factor × } the encoder's sample, or its mean for a
     * {@code latent_parameters} encoder).
     */
    float[] encode(RgbPlanes image) throws AtelierException {
        if (encoder == null) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "This model has no vae_encoder/");
        }
        float[] x = new float[image.values().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = image.values()[i] * 2f - 1f;
        }
        DjlModel.Output out = TextConditioning.output(encoder.run(List.of(DjlModel.Tensor.of("sample", x, 1, 3,
                image.height(), image.width()))), layout.vaeEncoderOutput(), "vae_encoder");
        int count = layout.latentChannels() * (image.height() / 8) * (image.width() / 8);
        if (out.values().length != count && out.values().length != 2 * count) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, "vae_encoder returned " + out.values().length
                    + " values for " + count + " latents");
        }
        // latent_parameters is mean ‖ log-variance along channels: the mean is the first half of the flat array.
        float[] latents = new float[count];
        float scale = (float) layout.vaeScalingFactor();
        for (int i = 0; i < count; i++) {
            latents[i] = out.values()[i] * scale;
        }
        return latents;
    }

    /** Decodes scaled latents to an image, in overlapping tiles when larger than the tile a side. */
    RgbPlanes decode(float[] latents, int channels, int height, int width) throws AtelierException {
        float k = (float) (1 / layout.vaeScalingFactor());
        float[] unscaled = new float[latents.length];
        for (int i = 0; i < unscaled.length; i++) {
            unscaled[i] = latents[i] * k;
        }
        float[] rgb = height <= tile && width <= tile
                ? decodeOne(unscaled, channels, height, width)
                : decodeTiled(unscaled, channels, height, width);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = Math.min(1f, Math.max(0f, (rgb[i] + 1f) / 2f));
        }
        return new RgbPlanes(width * 8, height * 8, rgb);
    }

    /** Sets the decoder's tile and overlap, in latents (tests; large models may want smaller tiles). */
    void tiling(int tileLatents, int overlapLatents) {
        if (overlapLatents < 0 || tileLatents <= 2 * overlapLatents) {
            throw new IllegalArgumentException("tile must exceed twice the overlap");
        }
        this.tile = tileLatents;
        this.tileOverlap = overlapLatents;
    }

    private float[] decodeOne(float[] latents, int c, int h, int w) throws AtelierException {
        return TextConditioning.output(decoder.run(List.of(DjlModel.Tensor.of("latent_sample", latents, 1, c, h, w))),
                "sample", "vae_decoder").values();
    }

    /**
     * Tiled decoding: latent tiles of {@link #tile} with {@link #tileOverlap} overlap, each decoded alone, then
     * blended in pixel space with weights that ramp linearly across the overlap (1 inside a tile, falling towards
     * an edge that borders another tile), so seams fade instead of showing. The decoder's output range (−1..1)
     * is blended before mapping to 0..1.
     */
    private float[] decodeTiled(float[] latents, int c, int h, int w) throws AtelierException {
        int[] ys = tileStarts(h);
        int[] xs = tileStarts(w);
        int ph = h * 8;
        int pw = w * 8;
        float[] sum = new float[3 * ph * pw];
        float[] weight = new float[ph * pw];
        for (int ty : ys) {
            for (int tx : xs) {
                int th = Math.min(tile, h - ty);
                int tw = Math.min(tile, w - tx);
                float[] part = new float[c * th * tw];
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < th; y++) {
                        System.arraycopy(latents, (ch * h + ty + y) * w + tx, part, (ch * th + y) * tw, tw);
                    }
                }
                float[] rgb = decodeOne(part, c, th, tw);
                int tph = th * 8;
                int tpw = tw * 8;
                for (int y = 0; y < tph; y++) {
                    float wy = ramp(y, tph, ty > 0, ty + th < h);
                    for (int x = 0; x < tpw; x++) {
                        float wt = wy * ramp(x, tpw, tx > 0, tx + tw < w);
                        int p = (ty * 8 + y) * pw + tx * 8 + x;
                        weight[p] += wt;
                        for (int k = 0; k < 3; k++) {
                            sum[k * ph * pw + p] += wt * rgb[(k * tph + y) * tpw + x];
                        }
                    }
                }
            }
        }
        for (int p = 0; p < ph * pw; p++) {
            for (int k = 0; k < 3; k++) {
                sum[k * ph * pw + p] /= weight[p];
            }
        }
        return sum;
    }

    /** Start of each tile along a side of {@code size} latents; the last one is pulled back to end at the edge. */
    int[] tileStarts(int size) {
        if (size <= tile) {
            return new int[] {0};
        }
        int stride = tile - tileOverlap;
        int count = (size - tileOverlap + stride - 1) / stride;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = Math.min(i * stride, size - tile);
        }
        return starts;
    }

    /** Weight at pixel {@code i} of a tile {@code size} pixels long: ramps over the overlap at shared edges. */
    private float ramp(int i, int size, boolean sharedStart, boolean sharedEnd) {
        float band = tileOverlap * 8f;
        float v = 1f;
        if (sharedStart) {
            v = Math.min(v, (i + 0.5f) / band);
        }
        if (sharedEnd) {
            v = Math.min(v, (size - i - 0.5f) / band);
        }
        return Math.max(v, 1e-4f);
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
        decoder.close();
    }
}
