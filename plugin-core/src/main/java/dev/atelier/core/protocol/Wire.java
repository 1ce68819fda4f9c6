package dev.atelier.core.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Constants of the Atelier wire format. Every message is one frame: a fixed 16-byte prefix, a UTF-8 JSON header
 * and an optional binary payload. All integers are big-endian; lengths are unsigned 32-bit.
 *
 * <pre>
 *  0               1               2               3
 *  0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 * +---------------+---------------+---------------+---------------+
 * |     'A'       |     'T'       |     'L'       |     'R'       |  magic  0x41544C52
 * +---------------+---------------+---------------+---------------+
 * |  version (1)  | message type  |        flags (reserved, 0)    |
 * +---------------+---------------+---------------+---------------+
 * |                 header length H (u32, bytes)                  |
 * +---------------------------------------------------------------+
 * |                payload length P (u32, bytes)                  |
 * +---------------------------------------------------------------+
 * |        header: H bytes of UTF-8 JSON, always an object        |
 * :                                                               :
 * +---------------------------------------------------------------+
 * |   payload: P bytes of blobs, located by header "blobs"[i]     |
 * :            .offset / .length (relative to payload start)      :
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class Wire {

    /** The four bytes "ATLR" read as a big-endian int. */
    public static final int MAGIC = 0x41544C52;

    /** The only protocol version this code speaks. */
    public static final int VERSION = 1;

    /** Bytes before the JSON header: magic, version, type, flags, header length, payload length. */
    public static final int PREFIX_BYTES = 16;

    /** The largest value a u32 length field can hold. */
    public static final long U32_MAX = 0xFFFF_FFFFL;

    /** The largest array the JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Header key reserved for blob descriptors; written by {@link FrameWriter}, never part of {@link Frame#header()}. */
    static final String BLOBS = "blobs";

    /** Compact, key-order-preserving, no HTML escaping: the same header always gives the same bytes. */
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Wire() {
    }
}
