package dev.atelier.core.protocol;

import java.util.HexFormat;

/** Hex helpers for tests: {@link #bytes} ignores whitespace and '|' so frames can be written field by field. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Returns the UTF-8 bytes of ASCII text as hex (for readable headers in hex literals). */
    static String ascii(String text) {
        return of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
