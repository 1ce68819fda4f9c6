package dev.atelier.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageTypeTest {

    @Test
    void codesAreTheDocumentedOnes() {
        assertEquals(0x01, MessageType.HELLO.code());
        assertEquals(0x0F, MessageType.ECHO.code());
        assertEquals(0x10, MessageType.SHUTDOWN.code());
        assertEquals(0x7F, MessageType.ERROR.code());
        Set<Integer> codes = new HashSet<>();
        for (MessageType t : MessageType.values()) {
            assertTrue(codes.add(t.code()), "unique code " + t);
            assertEquals(t, MessageType.fromCode(t.code()).orElseThrow());
        }
        assertEquals(17, codes.size());
    }

    @Test
    void unknownCodesAreEmpty() {
        assertTrue(MessageType.fromCode(0).isEmpty());
        assertTrue(MessageType.fromCode(0x11).isEmpty());
        assertTrue(MessageType.fromCode(0x80).isEmpty());
        assertTrue(MessageType.fromCode(-1).isEmpty());
        assertTrue(MessageType.fromCode(256).isEmpty());
    }

    @Test
    void limitsDefaults() {
        assertEquals(1_048_576, Limits.DEFAULT.maxHeaderBytes());
        assertEquals(1_074_790_400L, Limits.DEFAULT.maxPayloadBytes());
        assertEquals(0x41544C52, Wire.MAGIC);
        assertEquals(16, Wire.PREFIX_BYTES);
    }
}
