package dev.atelier.core.operation;

import java.util.Objects;

/**
 * Img2Img: repaint the reference image after a prompt.
 *
 * @param influence 0..100, how much of the reference to keep (higher keeps more)
 */
public record Img2ImgRequest(Generation generation, int influence) implements OperationRequest {

    public Img2ImgRequest {
        Objects.requireNonNull(generation, "generation");
        if (influence < 0 || influence > 100) {
            throw new IllegalArgumentException("influence must be 0..100, got " + influence);
        }
    }

    /** Returns the denoising strength the samplers use: 1 - influence / 100. */
    public double strength() {
        return 1.0 - influence / 100.0;
    }

    @Override
    public Operation operation() {
        return Operation.IMG2IMG;
    }
}
