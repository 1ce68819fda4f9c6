package dev.atelier.inference.diffusion.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.atelier.inference.models.ModelException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A tokenizer folder's {@code vocab.json} (token → id) and {@code merges.txt} (one merge "first second" a line,
 * best first, after an optional {@code #version} header).
 *
 * <p>Every merge's halves and result must be in the vocabulary, as Hugging Face's fast tokenizer demands. This is
 * also what keeps CLIP's merge count right: OpenAI's list has about 262k merges but the tokenizer uses only the
 * first 49152 − 256 − 2 = 48894 (the vocabulary holds 256 bytes, their {@code </w>} forms, those merges and two
 * specials), and a {@code merges.txt} with more would name tokens that vocab.json lacks.
 *
 * @param ids token → id
 * @param ranks "first second" → merge rank (0 is applied first)
 */
record ClipVocabulary(Map<String, Integer> ids, Map<String, Integer> ranks) {

    static final String VOCAB = "vocab.json";
    static final String MERGES = "merges.txt";

    ClipVocabulary {
        ids = Map.copyOf(ids);
        ranks = Map.copyOf(ranks);
    }

    /** Reads {@value #VOCAB} and {@value #MERGES} from {@code dir}. */
    static ClipVocabulary read(Path dir) throws ModelException {
        Map<String, Integer> ids = ids(dir.resolve(VOCAB));
        return new ClipVocabulary(ids, ranks(dir.resolve(MERGES), ids));
    }

    private static Map<String, Integer> ids(Path file) throws ModelException {
        JsonObject json = TokenizerJson.object(file);
        if (json.size() == 0) {
            throw TokenizerJson.problem(file, "has no tokens");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            ids.put(e.getKey(), id(file, e.getKey(), e.getValue()));
        }
        return ids;
    }

    private static int id(Path file, String token, JsonElement value) throws ModelException {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            JsonPrimitive number = value.getAsJsonPrimitive();
            double d = number.getAsDouble();
            if (d >= 0 && d <= Integer.MAX_VALUE && d == Math.rint(d)) {
                return (int) d;
            }
        }
        throw TokenizerJson.problem(file, "token \"" + token + "\" has id " + value + ", not a non-negative integer");
    }

    private static Map<String, Integer> ranks(Path file, Map<String, Integer> ids) throws ModelException {
        String[] lines = TokenizerJson.text(file).split("\r?\n", -1);
        Map<String, Integer> ranks = new HashMap<>();
        int rank = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] pair = line.split(" ", -1);
            if (pair.length != 2 || pair[0].isEmpty() || pair[1].isEmpty()) {
                throw TokenizerJson.problem(file, "line " + (i + 1) + " is \"" + line
                        + "\", not two symbols separated by one space");
            }
            for (String token : new String[] {pair[0], pair[1], pair[0] + pair[1]}) {
                if (!ids.containsKey(token)) {
                    throw TokenizerJson.problem(file, "line " + (i + 1) + " (\"" + line + "\") uses \"" + token
                            + "\", which " + VOCAB + " lacks");
                }
            }
            ranks.put(line, rank++); // a repeated merge keeps its last rank, as in both reference tokenizers
        }
        if (ranks.isEmpty()) {
            throw TokenizerJson.problem(file, "has no merges");
        }
        return ranks;
    }
}
