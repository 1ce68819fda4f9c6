package dev.atelier.core.protocol;

import dev.atelier.core.error.ErrorCode;

/**
 * The bytes on the stream are not a valid Atelier frame. Carries the {@link ErrorCode} (always 1xx) to send back
 * in an ERROR frame before closing the connection, and a one-line message naming what was wrong.
 * After this exception the stream position is undefined: the reader must not be used again.
 */
public final class ProtocolException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** Returns the error code to report to the peer. */
    public ErrorCode code() {
        return code;
    }

    static ProtocolException truncated(String part, long needed, long got) {
        return new ProtocolException(ErrorCode.TRUNCATED_FRAME,
                "Truncated frame: " + part + " needs " + needed + " bytes, got " + got);
    }

    static ProtocolException badBlob(String message) {
        return new ProtocolException(ErrorCode.BAD_BLOB, message);
    }

    static ProtocolException malformedHeader(String message) {
        return new ProtocolException(ErrorCode.MALFORMED_HEADER, message);
    }
}
