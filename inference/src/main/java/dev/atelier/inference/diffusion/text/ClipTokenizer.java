package dev.atelier.inference.diffusion.text;

import dev.atelier.inference.models.ModelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLIP's byte-level BPE tokenizer, as Stable Diffusion's text encoders expect it: a prompt becomes exactly
 * {@link #maxLength()} ids, {@code bos, tokens..., eos, pad...}; a prompt too long for that is cut so that eos is
 * still the last id. Loaded from a model's {@code tokenizer/} (or {@code tokenizer_2/}) folder and immutable after
 * that; safe to share between threads.
 *
 * <p>Only the start and end tokens are recognised inside a prompt (case-insensitively); any other text, including
 * a pad token such as SDXL's {@code "!"}, is ordinary text. Prompt weighting is not done here.
 */
public final class ClipTokenizer {

    private final Map<String, Integer> vocab;
    private final BytePairEncoder bpe;
    private final PromptSplitter splitter;
    private final Map<String, String> specials;
    private final int bos;
    private final int eos;
    private final int pad;
    private final int unk;
    private final int maxLength;

    private ClipTokenizer(ClipVocabulary vocabulary, SpecialTokens tokens, Path vocabFile) throws ModelException {
        this.vocab = vocabulary.ids();
        this.bpe = new BytePairEncoder(vocabulary.ranks());
        this.splitter = new PromptSplitter(List.of(tokens.bos(), tokens.eos()));
        // The splitter lower-cases the prompt, so specials are looked up by their lower-case form.
        this.specials = Map.of(tokens.bos().toLowerCase(Locale.ROOT), tokens.bos(),
                tokens.eos().toLowerCase(Locale.ROOT), tokens.eos());
        this.bos = required(vocabFile, "start", tokens.bos());
        this.eos = required(vocabFile, "end", tokens.eos());
        this.pad = required(vocabFile, "padding", tokens.pad());
        this.unk = required(vocabFile, "unknown", tokens.unk());
        this.maxLength = tokens.maxLength();
    }

    /**
     * Reads a tokenizer folder: {@code vocab.json} and {@code merges.txt} (required), {@code tokenizer_config.json}
     * and {@code special_tokens_map.json} (optional: special tokens, {@code model_max_length}).
     *
     * @throws ModelException a file is missing or malformed; the one-line message names it
     */
    public static ClipTokenizer load(Path tokenizerDir) throws ModelException {
        return new ClipTokenizer(ClipVocabulary.read(tokenizerDir), SpecialTokens.read(tokenizerDir),
                tokenizerDir.resolve(ClipVocabulary.VOCAB));
    }

    /** Returns exactly {@link #maxLength()} ids: start, the prompt's tokens (cut to fit), end, then padding. */
    public int[] encode(String prompt) {
        int[] ids = new int[maxLength];
        Arrays.fill(ids, pad);
        ids[0] = bos;
        int n = 1;
        for (String token : tokens(prompt)) {
            if (n == maxLength - 1) {
                break;
            }
            ids[n++] = vocab.getOrDefault(token, unk);
        }
        ids[n] = eos;
        return ids;
    }

    /** Returns the prompt's tokens as vocabulary strings, without start, end, padding or truncation (for debugging). */
    public List<String> tokens(String prompt) {
        List<String> out = new ArrayList<>();
        for (String word : splitter.split(prompt)) {
            String special = specials.get(word);
            if (special != null) {
                out.add(special);
            } else {
                out.addAll(bpe.encode(ByteSymbols.of(word)));
            }
        }
        return out;
    }

    /** Returns how many ids {@link #encode} returns. */
    public int maxLength() {
        return maxLength;
    }

    /** Returns the start token's id (49406 for CLIP). */
    public int bosId() {
        return bos;
    }

    /** Returns the end token's id (49407 for CLIP). */
    public int eosId() {
        return eos;
    }

    /** Returns the id that fills the sequence after the end token (49407 for SD 1.x, 0 for SDXL's second tokenizer). */
    public int padId() {
        return pad;
    }

    private int required(Path vocabFile, String role, String token) throws ModelException {
        Integer id = vocab.get(token);
        if (id == null) {
            throw TokenizerJson.problem(vocabFile, "lacks the " + role + " token \"" + token + "\"");
        }
        return id;
    }
}
