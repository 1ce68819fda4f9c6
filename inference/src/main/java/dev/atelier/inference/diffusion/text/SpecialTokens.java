package dev.atelier.inference.diffusion.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.atelier.inference.models.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The special tokens and the sequence length of a tokenizer folder. {@code tokenizer_config.json} is read first and
 * {@code special_tokens_map.json} overrides it, as Hugging Face does; both are optional. A token is a string or an
 * object with {@code content}. The defaults are CLIP's and Stable Diffusion 1.x's: padding with the end token and
 * 77 positions; SDXL's second tokenizer says {@code "pad_token": "!"} (id 0) in its files.
 *
 * @param bos start token, put first
 * @param eos end token, put after the prompt's tokens
 * @param pad token that fills the rest of the sequence
 * @param unk token for a piece missing from the vocabulary
 * @param maxLength ids per encoded prompt, bos and eos included
 */
record SpecialTokens(String bos, String eos, String pad, String unk, int maxLength) {

    static final String CONFIG = "tokenizer_config.json";
    static final String MAP = "special_tokens_map.json";
    static final String START = "<|startoftext|>";
    static final String END = "<|endoftext|>";
    static final int CLIP_LENGTH = 77;
    /** Far above any CLIP text encoder (77 positions); only guards against a config that would allocate absurdly. */
    static final int MAX_LENGTH = 4096;

    /** CLIP's defaults, used for whatever the folder's files do not say. */
    static SpecialTokens clip() {
        return new SpecialTokens(START, END, END, END, CLIP_LENGTH);
    }

    /** Reads {@value #CONFIG} then {@value #MAP} from {@code dir}, each when present. */
    static SpecialTokens read(Path dir) throws ModelException {
        SpecialTokens tokens = clip();
        for (String name : new String[] {CONFIG, MAP}) {
            Path file = dir.resolve(name);
            if (Files.exists(file)) {
                tokens = tokens.with(file, TokenizerJson.object(file));
            }
        }
        return tokens;
    }

    private SpecialTokens with(Path file, JsonObject json) throws ModelException {
        return new SpecialTokens(token(file, json, "bos_token", bos), token(file, json, "eos_token", eos),
                token(file, json, "pad_token", pad), token(file, json, "unk_token", unk), length(file, json));
    }

    private static String token(Path file, JsonObject json, String key, String fallback) throws ModelException {
        JsonElement value = json.get(key);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        if (value.isJsonObject()) {
            JsonElement content = value.getAsJsonObject().get("content");
            if (content != null && content.isJsonPrimitive() && content.getAsJsonPrimitive().isString()) {
                return content.getAsString();
            }
        }
        throw TokenizerJson.problem(file, key + " is " + value + ", not a string or an object with \"content\"");
    }

    private int length(Path file, JsonObject json) throws ModelException {
        JsonElement value = json.get("model_max_length");
        if (value == null || value.isJsonNull()) {
            return maxLength;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            double d = value.getAsDouble();
            if (d >= 2 && d <= MAX_LENGTH && d == Math.rint(d)) {
                return (int) d;
            }
        }
        throw TokenizerJson.problem(file, "model_max_length is " + value + ", not a whole number from 2 to "
                + MAX_LENGTH);
    }
}
