package dev.atelier.inference.diffusion;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.diffusion.text.ClipTokenizer;
import dev.atelier.inference.engine.djl.DjlEngines;
import dev.atelier.inference.engine.djl.DjlModel;
import dev.atelier.inference.models.ModelException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Prompts to UNet conditioning: owns the tokenizers and text encoders of a model. SD 1.x/2.x: the encoder's
 * {@code last_hidden_state}. SDXL (as diffusers' {@code encode_prompt}): each encoder's penultimate hidden states
 * ({@link SdModelLayout.Xl}), concatenated per token (768 + 1280 = 2048 wide), and the pooled {@code text_embeds} of
 * encoder 2; with {@code force_zeros_for_empty_prompt} an empty negative prompt is zeros instead of an encoding.
 * Close it to free the encoders.
 */
final class TextConditioning implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TextConditioning.class.getName());

    /**
     * One prompt's conditioning: {@code hidden} of {@code shape} [1, tokens, width] for
     * {@code encoder_hidden_states}, and SDXL's pooled embedding [1, pooled] for {@code text_embeds} (else null).
     */
    record Embedding(float[] hidden, long[] shape, float[] pooled) {

        Embedding zeros() {
            return new Embedding(new float[hidden.length], shape, pooled == null ? null : new float[pooled.length]);
        }
    }

    private final SdModelLayout layout;
    private final ClipTokenizer tokenizer;
    private final ClipTokenizer tokenizer2;
    private final DjlModel encoder;
    private final DjlModel encoder2;

    private TextConditioning(SdModelLayout layout, ClipTokenizer tokenizer, ClipTokenizer tokenizer2,
            DjlModel encoder, DjlModel encoder2) {
        this.layout = layout;
        this.tokenizer = tokenizer;
        this.tokenizer2 = tokenizer2;
        this.encoder = encoder;
        this.encoder2 = encoder2;
    }

    /**
     * Reads the tokenizers (before any encoder loads, so a broken file fails fast) then loads the encoders; on
     * failure closes what it loaded.
     */
    static TextConditioning open(SdModelLayout layout, DjlEngines.Started engine, int threads)
            throws ModelException, AtelierException {
        ClipTokenizer t1 = ClipTokenizer.load(layout.tokenizer());
        ClipTokenizer t2 = layout.xl() == null ? null : ClipTokenizer.load(layout.tokenizer2());
        if (layout.xl() != null) {
            layout.xl().notices().forEach(LOG::warning);
        }
        DjlModel e1 = DjlModel.load(engine, layout.textEncoder().model(), threads);
        try {
            DjlModel e2 = t2 == null ? null : DjlModel.load(engine, layout.textEncoder2().model(), threads);
            return new TextConditioning(layout, t1, t2, e1, e2);
        } catch (AtelierException | RuntimeException e) {
            e1.close();
            throw e;
        }
    }

    /**
     * The prompt's and, with {@code guidance > 1}, the negative prompt's embeddings (CFG's unconditional half).
     */
    SdPipeline.Conditioning encode(String prompt, String negativePrompt, double guidance) throws AtelierException {
        Embedding text = encode(prompt);
        Embedding uncond = null;
        if (guidance > 1) {
            boolean empty = negativePrompt == null || negativePrompt.isBlank();
            uncond = empty && layout.xl() != null && layout.xl().zerosForEmptyNegative() ? text.zeros()
                    : encode(empty ? "" : negativePrompt);
        }
        return new SdPipeline.Conditioning(text, uncond, (float) guidance);
    }

    /** The conditioning of one prompt. */
    Embedding encode(String prompt) throws AtelierException {
        SdModelLayout.Xl xl = layout.xl();
        if (xl == null) {
            DjlModel.Output h = output(run(encoder, tokenizer, prompt, layout.inputIdsType()), "last_hidden_state",
                    "text_encoder");
            return new Embedding(h.values(), h.shape(), null);
        }
        DjlModel.Output h1 = output(run(encoder, tokenizer, prompt, layout.inputIdsType()), xl.hidden1(),
                "text_encoder");
        Map<String, DjlModel.Output> out2 = run(encoder2, tokenizer2, prompt, xl.inputIds2Type());
        DjlModel.Output h2 = output(out2, xl.hidden2(), "text_encoder_2");
        float[] pooled = output(out2, "text_embeds", "text_encoder_2").values();
        if (xl.pooledDim() > 0 && pooled.length != xl.pooledDim()) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, "text_encoder_2 returned " + pooled.length
                    + " pooled values, the unet takes " + xl.pooledDim());
        }
        return concat(h1, h2, pooled);
    }

    /** [1, T, a] ‖ [1, T, b] → [1, T, a + b], per token. */
    private static Embedding concat(DjlModel.Output h1, DjlModel.Output h2, float[] pooled) throws AtelierException {
        long[] s1 = h1.shape();
        long[] s2 = h2.shape();
        if (s1.length != 3 || s2.length != 3 || s1[0] != 1 || s2[0] != 1 || s1[1] != s2[1]) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, "the text encoders' hidden states have shapes "
                    + java.util.Arrays.toString(s1) + " and " + java.util.Arrays.toString(s2)
                    + ", which cannot be joined per token");
        }
        int tokens = (int) s1[1];
        int a = (int) s1[2];
        int b = (int) s2[2];
        float[] joined = new float[tokens * (a + b)];
        for (int t = 0; t < tokens; t++) {
            System.arraycopy(h1.values(), t * a, joined, t * (a + b), a);
            System.arraycopy(h2.values(), t * b, joined, t * (a + b) + a, b);
        }
        return new Embedding(joined, new long[] {1, tokens, a + b}, pooled);
    }

    private static Map<String, DjlModel.Output> run(DjlModel model, ClipTokenizer tokenizer, String prompt,
            int idsType) throws AtelierException {
        int[] ids = tokenizer.encode(prompt);
        DjlModel.Tensor in = idsType == SdModelLayout.INT64
                ? DjlModel.Tensor.of("input_ids", toLongs(ids), 1, ids.length)
                : DjlModel.Tensor.of("input_ids", ids, 1, ids.length);
        return model.run(List.of(in));
    }

    private static long[] toLongs(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return l;
    }

    static DjlModel.Output output(Map<String, DjlModel.Output> outputs, String name, String part)
            throws AtelierException {
        DjlModel.Output o = outputs.get(name);
        if (o == null) {
            throw new AtelierException(ErrorCode.ENGINE_FAILURE, part + " returned no output named " + name
                    + " (it has " + outputs.keySet() + ")");
        }
        return o;
    }

    @Override
    public void close() {
        encoder.close();
        if (encoder2 != null) {
            encoder2.close();
        }
    }
}
