package dev.atelier.inference.diffusion.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CLIP's BPE over one word in byte symbols: the last symbol carries the end-of-word suffix {@code </w>}, then the
 * adjacent pair with the lowest merge rank is joined everywhere in the word (left to right) until no ranked pair
 * is left. Words repeat a lot across prompts, so results are cached; the cache stops growing at a bound so that a
 * long-running daemon fed arbitrary text keeps a fixed footprint.
 */
final class BytePairEncoder {

    static final String END_OF_WORD = "</w>";
    private static final int CACHE_LIMIT = 50_000;

    private final Map<String, Integer> ranks;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    /** {@code ranks} maps "first second" (one space) to the merge's priority, lower first. */
    BytePairEncoder(Map<String, Integer> ranks) {
        this.ranks = Map.copyOf(ranks);
    }

    /** Returns the BPE tokens of {@code word}, a non-empty string of byte symbols. */
    List<String> encode(String word) {
        List<String> cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        List<String> result = List.copyOf(merge(symbols(word)));
        if (cache.size() < CACHE_LIMIT) {
            cache.put(word, result);
        }
        return result;
    }

    private static List<String> symbols(String word) {
        List<String> parts = new ArrayList<>(word.length());
        for (int i = 0; i < word.length(); i++) {
            parts.add(String.valueOf(word.charAt(i)));
        }
        int last = parts.size() - 1;
        parts.set(last, parts.get(last) + END_OF_WORD);
        return parts;
    }

    private List<String> merge(List<String> parts) {
        while (parts.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            int best = -1;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer rank = ranks.get(parts.get(i) + " " + parts.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            parts = joinAll(parts, parts.get(best), parts.get(best + 1));
        }
        return parts;
    }

    private static List<String> joinAll(List<String> parts, String first, String second) {
        List<String> out = new ArrayList<>(parts.size());
        int i = 0;
        while (i < parts.size()) {
            if (i + 1 < parts.size() && parts.get(i).equals(first) && parts.get(i + 1).equals(second)) {
                out.add(first + second);
                i += 2;
            } else {
                out.add(parts.get(i));
                i++;
            }
        }
        return out;
    }
}
