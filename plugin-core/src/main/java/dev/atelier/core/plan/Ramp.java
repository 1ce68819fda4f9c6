package dev.atelier.core.plan;

/** The soft edge every plan mask uses: 1 up to {@code inner}, 0 from {@code outer}, smoothstep between. */
final class Ramp {

    private Ramp() {}

    /** Returns the coverage (0..255) at distance {@code d}. */
    static int coverage(float d, float inner, float outer) {
        if (d <= inner) {
            return 255;
        }
        if (d >= outer) {
            return 0;
        }
        float t = (outer - d) / (outer - inner);
        // Smoothstep: no kink where the ramp meets the flat parts, which would show as a faint line.
        return Math.round(255 * t * t * (3 - 2 * t));
    }
}
