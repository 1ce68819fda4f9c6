package dev.atelier.core.operation;

import java.util.Objects;

/**
 * The diffusion settings shared by img2img, retouch and expand.
 *
 * @param prompt what to generate
 * @param negativePrompt what to avoid
 * @param steps sampler steps, 1..150
 * @param guidance classifier-free guidance scale, 1..30
 * @param seed the noise seed; -1 asks for a random one
 * @param count how many results, 1..8
 */
public record Generation(String prompt, String negativePrompt, int steps, double guidance, long seed, int count) {

    public Generation {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(negativePrompt, "negativePrompt");
        if (steps < 1 || steps > 150) {
            throw new IllegalArgumentException("steps must be 1..150, got " + steps);
        }
        if (!(guidance >= 1 && guidance <= 30)) {
            throw new IllegalArgumentException("guidance must be 1..30, got " + guidance);
        }
        if (count < 1 || count > 8) {
            throw new IllegalArgumentException("count must be 1..8, got " + count);
        }
        if (seed < -1) {
            throw new IllegalArgumentException("seed must be -1 (random) or non-negative, got " + seed);
        }
    }
}
