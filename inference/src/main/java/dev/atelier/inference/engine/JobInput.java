package dev.atelier.inference.engine;

import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import java.util.Objects;
import java.util.Optional;

/** The pixels of a job: the source image and, for masked operations, the selection mask of the same size. */
public record JobInput(Raster image, Optional<Mask> mask) {

    public JobInput {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        mask.ifPresent(m -> {
            if (m.width() != image.width() || m.height() != image.height()) {
                throw new IllegalArgumentException("mask " + m.width() + "x" + m.height()
                        + " does not match image " + image.width() + "x" + image.height());
            }
        });
    }

    public static JobInput of(Raster image) {
        return new JobInput(image, Optional.empty());
    }
}
