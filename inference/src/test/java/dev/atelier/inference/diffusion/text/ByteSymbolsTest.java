package dev.atelier.inference.diffusion.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteSymbolsTest {

    @Test
    void printableBytesStandForThemselvesOthersAreShifted() {
        assertEquals("abc!~", ByteSymbols.of("abc!~"));
        assertEquals("\u0120", ByteSymbols.of(" "), "space is Ġ as in GPT-2");
        assertEquals("\u0100", ByteSymbols.of("\u0000"));
        assertEquals("\u010a", ByteSymbols.of("\n"));
        assertEquals("Ã©", ByteSymbols.of("é"), "UTF-8 C3 A9");
    }

    @Test
    void everyByteHasItsOwnSymbol() {
        Set<Character> symbols = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            symbols.add(ByteSymbols.symbol(b));
        }
        assertEquals(256, symbols.size());
        assertEquals('\u0143', ByteSymbols.symbol(0xad), "the 68th and last shifted byte");
    }
}
