package dev.atelier.core.protocol;

/**
 * Size limits for one frame. Readers check the declared lengths against them before allocating anything;
 * writers refuse to send frames the peer would reject.
 *
 * @param maxHeaderBytes  largest JSON header accepted, in bytes (1 .. 2^31-9)
 * @param maxPayloadBytes largest payload accepted, in bytes (0 .. 2^32-1)
 */
public record Limits(int maxHeaderBytes, long maxPayloadBytes) {

    /** 1 MiB of header. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 1 << 20;

    /** 1 GiB + 1 MiB of payload: a 16384 x 16384 RGBA image plus room for a mask or preview. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = (1L << 30) + (1L << 20);

    /** The limits both sides use unless configured otherwise. */
    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PAYLOAD_BYTES);

    public Limits {
        if (maxHeaderBytes < 1 || maxHeaderBytes > Wire.MAX_ARRAY) {
            throw new IllegalArgumentException("maxHeaderBytes must be 1.." + Wire.MAX_ARRAY + ", got " + maxHeaderBytes);
        }
        if (maxPayloadBytes < 0 || maxPayloadBytes > Wire.U32_MAX) {
            throw new IllegalArgumentException("maxPayloadBytes must be 0.." + Wire.U32_MAX + ", got " + maxPayloadBytes);
        }
    }
}
