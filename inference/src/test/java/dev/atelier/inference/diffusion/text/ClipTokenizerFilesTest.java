package dev.atelier.inference.diffusion.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.inference.models.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing and malformed tokenizer files: each refused with one line naming the file. */
class ClipTokenizerFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeTinyFolder() {
        TinyClipFolder.write(dir);
    }

    private String error() {
        return assertThrows(ModelException.class, () -> ClipTokenizer.load(dir)).getMessage();
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void missingVocabOrMerges() throws IOException {
        Files.delete(dir.resolve("merges.txt"));
        assertEquals(file("merges.txt") + ": not found", error());

        Files.delete(dir.resolve("vocab.json"));
        assertEquals(file("vocab.json") + ": not found", error());
    }

    @Test
    void vocabThatIsNotATokenToIdObject() {
        TinyClipFolder.write(dir, "vocab.json", "{\"l\": 0,");
        assertEquals(file("vocab.json") + ": is not valid JSON", error());

        TinyClipFolder.write(dir, "vocab.json", "[\"l\", \"o\"]");
        assertEquals(file("vocab.json") + ": is not a JSON object", error());

        TinyClipFolder.write(dir, "vocab.json", "{}");
        assertEquals(file("vocab.json") + ": has no tokens", error());

        TinyClipFolder.write(dir, "vocab.json", "{\"l\": 0, \"o\": -1}");
        assertEquals(file("vocab.json") + ": token \"o\" has id -1, not a non-negative integer", error());

        TinyClipFolder.write(dir, "vocab.json", "{\"l\": \"zero\"}");
        assertEquals(file("vocab.json") + ": token \"l\" has id \"zero\", not a non-negative integer", error());
    }

    @Test
    void vocabWithoutTheSpecialTokens() {
        TinyClipFolder.write(dir, SpecialTokens.MAP, "{\"pad_token\": \"<pad>\"}");
        assertEquals(file("vocab.json") + ": lacks the padding token \"<pad>\"", error());
    }

    @Test
    void mergesThatAreNotPairsOrLeaveTheVocabulary() throws IOException {
        TinyClipFolder.write(dir, "merges.txt", "#version: 0.2\nl o\nlo w </w>\n");
        assertEquals(file("merges.txt") + ": line 3 is \"lo w </w>\", not two symbols separated by one space", error());

        TinyClipFolder.write(dir, "merges.txt", "#version: 0.2\nl o\nlo  w</w>\n");
        assertEquals(file("merges.txt") + ": line 3 is \"lo  w</w>\", not two symbols separated by one space", error());

        TinyClipFolder.write(dir, "merges.txt", "#version: 0.2\nl o\nw e\n");
        assertEquals(file("merges.txt") + ": line 3 (\"w e\") uses \"we\", which vocab.json lacks", error());

        TinyClipFolder.write(dir, "merges.txt", "#version: 0.2\n\n");
        assertEquals(file("merges.txt") + ": has no merges", error());

        Files.write(dir.resolve("merges.txt"), new byte[] {'l', ' ', (byte) 0xff});
        assertEquals(file("merges.txt") + ": is not UTF-8 text", error());
    }

    @Test
    void mergesWithoutVersionHeaderOrWithWindowsLineEnds() throws ModelException {
        TinyClipFolder.write(dir, "merges.txt", "l o\r\nlo w</w>\r\ne r</w>\r\n");
        assertEquals(16, ClipTokenizer.load(dir).encode("er")[1]);
    }

    @Test
    void malformedSpecialTokenSettings() {
        TinyClipFolder.write(dir, SpecialTokens.MAP, "{\"pad_token\": 7}");
        assertEquals(file(SpecialTokens.MAP) + ": pad_token is 7, not a string or an object with \"content\"", error());

        TinyClipFolder.write(dir, SpecialTokens.MAP, "{\"eos_token\": {\"lstrip\": true}}");
        assertEquals(file(SpecialTokens.MAP)
                + ": eos_token is {\"lstrip\":true}, not a string or an object with \"content\"", error());

        TinyClipFolder.write(dir, SpecialTokens.MAP, "{}");
        TinyClipFolder.write(dir, SpecialTokens.CONFIG, "{\"model_max_length\": 1e30}");
        assertEquals(file(SpecialTokens.CONFIG) + ": model_max_length is 1e30, not a whole number from 2 to 4096",
                error());

        TinyClipFolder.write(dir, SpecialTokens.CONFIG, "not json");
        assertEquals(file(SpecialTokens.CONFIG) + ": is not valid JSON", error());
    }

    @Test
    void nullSettingsFallBackToClipDefaults() throws ModelException {
        TinyClipFolder.write(dir, SpecialTokens.CONFIG, "{\"pad_token\": null, \"model_max_length\": null}");
        ClipTokenizer tokenizer = ClipTokenizer.load(dir);

        assertEquals(77, tokenizer.maxLength());
        assertEquals(TinyClipFolder.EOS, tokenizer.padId());
    }
}
