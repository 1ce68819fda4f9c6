package dev.atelier.core.image;

import java.io.IOException;

/** Thrown when bytes that should hold an image are corrupt, truncated, of an unsupported kind or too large. */
public class ImageDecodeException extends IOException {

    private final boolean tooLarge;

    public ImageDecodeException(String message) {
        this(message, false, null);
    }

    public ImageDecodeException(String message, boolean tooLarge, Throwable cause) {
        super(message, cause);
        this.tooLarge = tooLarge;
    }

    /** Returns true when the image is well-formed but over the configured pixel limit. */
    public boolean isTooLarge() {
        return tooLarge;
    }
}
