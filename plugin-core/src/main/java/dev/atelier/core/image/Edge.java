package dev.atelier.core.image;

/** What a padded view shows outside the source image. */
public enum Edge {
    /** Fully transparent black. */
    TRANSPARENT,
    /** The nearest edge pixel repeated. */
    CLAMP,
    /** The image mirrored at its border, without repeating the border pixel (… 2 1 | 0 1 2 … ). */
    MIRROR
}
