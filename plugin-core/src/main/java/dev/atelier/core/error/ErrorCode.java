package dev.atelier.core.error;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbered error codes shared by the daemon, the client and every host. Grouped by range:
 * 1xx protocol (the connection is closed), 2xx request (fix the request and retry), 3xx runtime, 500 internal.
 * Codes are never reused; names are stable and appear on the wire.
 */
public enum ErrorCode {
    BAD_MAGIC(100),
    UNSUPPORTED_VERSION(101),
    FRAME_TOO_LARGE(102),
    MALFORMED_HEADER(103),
    UNKNOWN_MESSAGE(104),
    TRUNCATED_FRAME(105),
    BAD_BLOB(106),
    UNEXPECTED_MESSAGE(107),

    INVALID_PARAMETERS(200),
    UNKNOWN_OPERATION(201),
    OPERATION_UNAVAILABLE(202),
    IMAGE_DECODE_FAILED(203),
    IMAGE_TOO_LARGE(204),
    UNKNOWN_JOB(205),
    MASK_REQUIRED(206),
    BAD_REQUEST(207),

    ENGINE_FAILURE(300),
    OUT_OF_MEMORY(301),
    BUSY(302),
    CANCELLED(303),
    TIMEOUT(304),
    SHUTTING_DOWN(305),
    DAEMON_UNAVAILABLE(306),

    INTERNAL(500);

    private static final Map<Integer, ErrorCode> BY_WIRE = new HashMap<>();

    static {
        for (ErrorCode c : values()) {
            BY_WIRE.put(c.wire, c);
        }
    }

    private final int wire;

    ErrorCode(int wire) {
        this.wire = wire;
    }

    /** Returns the number sent on the wire. */
    public int wire() {
        return wire;
    }

    /** Returns true for 1xx codes, after which the sender closes the connection. */
    public boolean closesConnection() {
        return wire >= 100 && wire < 200;
    }

    /** Returns true for 2xx codes: the request itself was wrong. */
    public boolean isRequestError() {
        return wire >= 200 && wire < 300;
    }

    /** Returns the code for a wire number; unknown numbers (from a newer peer) map to {@link #INTERNAL}. */
    public static ErrorCode fromWire(int wire) {
        return BY_WIRE.getOrDefault(wire, INTERNAL);
    }
}
