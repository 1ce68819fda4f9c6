package dev.atelier.inference.diffusion.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptSplitterTest {

    private final PromptSplitter splitter = new PromptSplitter(List.of("<|startoftext|>", "<|endoftext|>"));

    @Test
    void digitsAreSingleWords() {
        assertEquals(List.of("stop", "4", "2", "times", "1", "9", "9", "9"), splitter.split("stop 42 times 1999"));
    }

    @Test
    void contractionsAreTheirOwnWords() {
        assertEquals(List.of("don", "'t", "it", "'s", "we", "'re", "i", "'ve", "i", "'m", "you", "'ll", "he", "'d"),
                splitter.split("don't it's we're I've I'm you'll he'd"));
        assertEquals(List.of("don", "'t"), splitter.split("DON'T"), "matched after lower-casing");
    }

    @Test
    void punctuationGroupsIntoRuns() {
        assertEquals(List.of("hello", ",", "world", "!?", "(", "8", "k", ")"), splitter.split("Hello, world!? (8k)"));
    }

    @Test
    void unicodeLettersAndDigitsCount() {
        assertEquals(List.of("café", "naïve", "東京", "über", "٣"), splitter.split("Café naïve 東京 ÜBER ٣"));
    }

    @Test
    void normaliseIsNfcSingleSpacedTrimmedLowerCase() {
        assertEquals("a café photo", PromptSplitter.normalize("\u00a0 A  CAFE\u0301\r\n\tphoto\u2003"));
        assertEquals("", PromptSplitter.normalize(" \n\t "));
    }

    @Test
    void specialsAreWholeWordsInAnyCase() {
        assertEquals(List.of("<|startoftext|>", "a", "<|endoftext|>"), splitter.split("<|StartOfText|>a<|ENDOFTEXT|>"));
    }
}
