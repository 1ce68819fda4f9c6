package dev.atelier.core.protocol;

import java.util.Optional;

/** The message type byte at offset 5 of every frame. Codes are stable; new types need a new protocol version. */
public enum MessageType {
    HELLO(0x01),
    WELCOME(0x02),
    LIST_PANELS(0x03),
    PANELS(0x04),
    SUBMIT(0x05),
    ACCEPTED(0x06),
    PROGRESS(0x07),
    RESULT(0x08),
    CANCEL(0x09),
    OK(0x0A),
    FETCH(0x0B),
    STATUS(0x0C),
    STATUS_REPLY(0x0D),
    RELEASE(0x0E),
    ECHO(0x0F),
    SHUTDOWN(0x10),
    ERROR(0x7F);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** Returns the byte sent on the wire (0..255). */
    public int code() {
        return code;
    }

    /** Returns the type for a wire byte, or empty for codes this version does not know (including out of range). */
    public static Optional<MessageType> fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_CODE[code]);
    }
}
