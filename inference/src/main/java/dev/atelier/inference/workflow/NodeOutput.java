package dev.atelier.inference.workflow;

import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a finished node hands on: its image (the result laid over its input, as a host shows the new layer), its
 * mask when the operation gives one (Remove background's cut-out), and its notices.
 */
public record NodeOutput(Raster image, Optional<Mask> mask, List<String> notices) {

    public NodeOutput {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        notices = List.copyOf(notices);
    }
}
