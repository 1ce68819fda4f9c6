package dev.atelier.inference.diffusion.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.inference.diffusion.RealSdModel;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.models.ModelException;
import dev.atelier.testkit.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real CLIP vocabulary against ids published by independent CLIP tokenizer tests (generated with transformers).
 * Reads vocab.json + merges.txt from {@code $ATELIER_SD_MODEL/tokenizer} when a real model is named (its own
 * tokenizer is then the one checked), else from {@code $ATELIER_CLIP_VOCAB}, else from {@code clip-vocab} under
 * Atelier's cache, where {@code scripts/fetch-clip-vocab.sh} puts them.
 */
class ClipReferenceIdsTest {

    static final String FOLDER_VARIABLE = "ATELIER_CLIP_VOCAB";

    private static ClipTokenizer loaded;
    /** Whether the tokenizer is a real model's, whose pad token may be SD 2.x's "!" (id 0). */
    private static boolean fromModel;

    /** Loads the vocabulary once; gated per test (not in @BeforeAll) so that a skip is counted as one. */
    private static synchronized ClipTokenizer tokenizer() throws ModelException {
        if (loaded != null) {
            return loaded;
        }
        String env = System.getenv(FOLDER_VARIABLE);
        Optional<Path> model = RealSdModel.folder();
        fromModel = model.isPresent();
        Path dir = model.isPresent() ? model.get().resolve("tokenizer")
                : env != null && !env.isBlank() ? Path.of(env) : EngineContext.defaultCacheDir().resolve("clip-vocab");
        boolean present = Files.isRegularFile(dir.resolve(ClipVocabulary.VOCAB))
                && Files.isRegularFile(dir.resolve(ClipVocabulary.MERGES));
        Requirements.model(dir.toString(), present, "scripts/fetch-clip-vocab.sh (or set " + FOLDER_VARIABLE
                + " to a tokenizer folder of Stable Diffusion 1.x)");
        loaded = ClipTokenizer.load(dir);
        return loaded;
    }

    private static void assertIds(String prompt, int... expected) throws ModelException {
        int[] ids = tokenizer().encode(prompt);
        assertArrayEquals(expected, Arrays.copyOf(ids, expected.length), prompt);
        for (int i = expected.length; i < ids.length; i++) {
            assertEquals(tokenizer().padId(), ids[i], prompt + ": padding at " + i);
        }
    }

    @Test
    void referencePrompts() throws ModelException {
        assertIds("a photo of a cat", 49406, 320, 1125, 539, 320, 2368, 49407);
        assertIds("a photo of a dog", 49406, 320, 1125, 539, 320, 1929, 49407);
        assertIds("A PHOTO of  a Cat!", 49406, 320, 1125, 539, 320, 2368, 256, 49407);
        assertIds("Hello, world!", 49406, 3306, 267, 1002, 256, 49407);
        assertIds("don't stop 42 times", 49406, 847, 713, 1691, 275, 273, 1661, 49407);
        assertIds("cat", 49406, 2368, 49407);
        assertIds("", 49406, 49407);
    }

    @Test
    void vocabularyIsClipsWholeOne() throws ModelException {
        ClipTokenizer tokenizer = tokenizer();
        assertEquals(77, tokenizer.maxLength());
        assertEquals(49406, tokenizer.bosId());
        assertEquals(49407, tokenizer.eosId());
        if (fromModel && tokenizer.padId() == 0) {
            return; // SD 2.x pads with "!" (see docs/diffusion.md); the rest is CLIP's vocabulary all the same
        }
        assertEquals(49407, tokenizer.padId());
    }

    @Test
    void longPromptKeepsEndTokenAtTheLastPosition() throws ModelException {
        int[] ids = tokenizer().encode("a photo of a cat ".repeat(40));

        assertEquals(77, ids.length);
        assertEquals(49406, ids[0]);
        assertEquals(49407, ids[76]);
        assertArrayEquals(new int[] {320, 1125, 539, 320, 2368}, Arrays.copyOfRange(ids, 1, 6));
    }
}
