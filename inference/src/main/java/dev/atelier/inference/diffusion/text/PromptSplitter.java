package dev.atelier.inference.diffusion.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's text clean-up and pre-tokenisation: NFC, whitespace runs to one space, trimmed, lower-cased (what the
 * fast tokenizer's normaliser and ftfy's path of the slow one do), then cut into words by CLIP's pattern. Digits
 * are single words ({@code [\p{N}]} has no {@code +}); contractions ('s, 't, 're, 've, 'm, 'll, 'd) are their own
 * words; everything else that is neither letter, digit nor space groups into punctuation runs.
 */
final class PromptSplitter {

    // Python's and Rust's \s are Unicode-aware; Java's is ASCII unless asked.
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final Pattern words;

    /** A splitter that keeps {@code specials} (e.g. bos and eos, matched regardless of case) as whole words. */
    PromptSplitter(List<String> specials) {
        StringBuilder regex = new StringBuilder();
        for (String special : specials) {
            regex.append(Pattern.quote(special)).append('|');
        }
        regex.append("'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+");
        this.words = Pattern.compile(regex.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** Returns the prompt as the tokenizer sees it: NFC, single spaces, no leading or trailing space, lower case. */
    static String normalize(String prompt) {
        String nfc = Normalizer.normalize(prompt, Normalizer.Form.NFC);
        return WHITESPACE.matcher(nfc).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    /** Returns the normalised prompt's words in order. */
    List<String> split(String prompt) {
        List<String> out = new ArrayList<>();
        Matcher m = words.matcher(normalize(prompt));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
