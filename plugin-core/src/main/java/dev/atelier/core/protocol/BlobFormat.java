package dev.atelier.core.protocol;

import java.util.Optional;

/** How the bytes of one blob are to be read. The wire name appears in the header's blob descriptor. */
public enum BlobFormat {
    /** Tightly packed RGBA, 4 bytes per pixel, straight alpha; width and height required; length = 4*w*h. */
    RGBA8("rgba8", 4),
    /** One byte per pixel (a mask: 0 = keep, 255 = edit); width and height required; length = w*h. */
    GRAY8("gray8", 1),
    /** A complete PNG file; width and height optional hints. */
    PNG("png", 0),
    /** Opaque bytes (ECHO payloads); width and height optional. */
    BYTES("bytes", 0);

    private final String wireName;
    private final int bytesPerPixel;

    BlobFormat(String wireName, int bytesPerPixel) {
        this.wireName = wireName;
        this.bytesPerPixel = bytesPerPixel;
    }

    /** Returns the name used in the header, e.g. {@code "rgba8"}. */
    public String wireName() {
        return wireName;
    }

    /** Returns true when the format is raw pixels, so width and height are required and fix the length. */
    public boolean isRaw() {
        return bytesPerPixel > 0;
    }

    /** Returns the byte count a raw image of this size needs; only for {@link #isRaw()} formats. */
    public long expectedLength(int width, int height) {
        return (long) bytesPerPixel * width * height;
    }

    /** Returns the format with this wire name, or empty. */
    public static Optional<BlobFormat> fromWireName(String name) {
        for (BlobFormat f : values()) {
            if (f.wireName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
