package dev.atelier.inference.diffusion.text;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-to-symbol table ("bytes_to_unicode"), which CLIP's BPE works on: each UTF-8 byte becomes one visible
 * character, so merges never see spaces or control characters. Printable Latin-1 bytes ({@code !}..{@code ~},
 * {@code ¡}..{@code ¬}, {@code ®}..{@code ÿ}) stand for themselves; the other 68 take code points 256, 257, ... in
 * byte order.
 */
final class ByteSymbols {

    private static final char[] SYMBOLS = table();

    private ByteSymbols() {}

    /** Returns {@code text}'s UTF-8 bytes, one symbol each. */
    static String of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = symbol(bytes[i] & 0xff);
        }
        return new String(out);
    }

    /** Returns the symbol of byte {@code b} (0..255). */
    static char symbol(int b) {
        return SYMBOLS[b];
    }

    private static char[] table() {
        char[] table = new char[256];
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            table[b] = printable(b) ? (char) b : (char) (256 + shifted++);
        }
        return table;
    }

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    }
}
