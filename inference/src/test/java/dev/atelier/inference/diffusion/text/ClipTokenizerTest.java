package dev.atelier.inference.diffusion.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.inference.models.ModelException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTokenizerTest {

    @TempDir
    Path dir;

    private ClipTokenizer tiny() throws ModelException {
        return ClipTokenizer.load(TinyClipFolder.write(dir));
    }

    private static int[] padded(int pad, int... head) {
        int[] ids = new int[77];
        Arrays.fill(ids, pad);
        System.arraycopy(head, 0, ids, 0, head.length);
        return ids;
    }

    @Test
    void tinyFixtureGivesTransformersTokensAndIds() throws ModelException {
        ClipTokenizer tokenizer = tiny();

        assertEquals(List.of("lo", "w", "er</w>", "n", "e", "w", "er</w>"), tokenizer.tokens("lower newer"));
        assertArrayEquals(padded(TinyClipFolder.EOS, 21, 10, 2, 16, 9, 3, 2, 16, 22), tokenizer.encode("lower newer"));
    }

    @Test
    void defaultsAreClipsLengthAndEndTokenPadding() throws ModelException {
        ClipTokenizer tokenizer = tiny();

        assertEquals(77, tokenizer.maxLength());
        assertEquals(TinyClipFolder.EOS, tokenizer.padId());
        assertArrayEquals(padded(22, 21, 22), tokenizer.encode(""));
        assertArrayEquals(padded(22, 21, 22), tokenizer.encode(" \t\n "));
    }

    @Test
    void padTokenAndLengthComeFromTheFolder() throws ModelException {
        TinyClipFolder.write(dir);
        // SDXL's tokenizer_2 style: the map names the pad token, the config the length.
        TinyClipFolder.write(dir, SpecialTokens.MAP, "{\"pad_token\": {\"content\": \"l\", \"lstrip\": false}}");
        TinyClipFolder.write(dir, SpecialTokens.CONFIG, "{\"model_max_length\": 6, \"pad_token\": \"o\"}");
        ClipTokenizer tokenizer = ClipTokenizer.load(dir);

        assertEquals(0, tokenizer.padId(), "special_tokens_map.json overrides tokenizer_config.json");
        assertArrayEquals(new int[] {21, 15, 22, 0, 0, 0}, tokenizer.encode("low"));
    }

    @Test
    void longPromptIsCutSoThatEndTokenStaysLast() throws ModelException {
        int[] ids = tiny().encode("low ".repeat(200));

        assertEquals(77, ids.length);
        assertEquals(21, ids[0]);
        assertEquals(22, ids[76]);
        for (int i = 1; i < 76; i++) {
            assertEquals(15, ids[i], "low</w> at " + i);
        }
    }

    @Test
    void promptFillingEveryPositionKeepsEndToken() throws ModelException {
        int[] exact = tiny().encode("d ".repeat(75));
        int[] over = tiny().encode("d ".repeat(76));

        assertEquals(22, exact[76]);
        assertEquals(TinyClipFolder.UNK, exact[75], "d</w> is not in the tiny vocabulary");
        assertArrayEquals(exact, over);
    }

    @Test
    void caseAndWhitespaceAreNormalised() throws ModelException {
        ClipTokenizer tokenizer = tiny();

        assertArrayEquals(tokenizer.encode("lower newer"), tokenizer.encode("  LOWER\t\n  NeWeR \u3000"));
    }

    @Test
    void composedAndDecomposedAccentsEncodeTheSame() throws ModelException {
        ClipTokenizer tokenizer = tiny();

        assertEquals(tokenizer.tokens("caf\u00e9"), tokenizer.tokens("cafe\u0301"));
        assertEquals(List.of("c", "a", "f", "Ã", "©</w>"), tokenizer.tokens("Caf\u00c9"));
    }

    @Test
    void piecesMissingFromTheVocabularyAreUnknown() throws ModelException {
        int[] ids = tiny().encode("wider!");

        assertArrayEquals(padded(22, 21, 2, 7, 8, 16, 20, 22), ids, "w i d er</w>, then !</w> unknown");
    }

    @Test
    void startAndEndTokensInThePromptAreSpecialInAnyCase() throws ModelException {
        ClipTokenizer tokenizer = tiny();

        assertEquals(List.of("<|endoftext|>", "lo", "w", "er</w>", "<|startoftext|>"),
                tokenizer.tokens("<|ENDOFTEXT|>lower<|startoftext|>"));
    }

    @Test
    void sharedTokenizerGivesTheSameIdsOnEveryThread() throws ModelException {
        ClipTokenizer tokenizer = tiny();
        int[] expected = tokenizer.encode("lower newer lowest");

        List<int[]> results = IntStream.range(0, 64).parallel()
                .mapToObj(i -> tokenizer.encode("lower newer lowest")).toList();

        results.forEach(ids -> assertArrayEquals(expected, ids));
    }
}
