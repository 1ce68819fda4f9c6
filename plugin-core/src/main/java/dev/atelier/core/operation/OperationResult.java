package dev.atelier.core.operation;

import dev.atelier.core.image.Raster;
import java.util.List;
import java.util.Objects;

/**
 * What an operation returns: an RGBA patch to add as a new layer at (x, y) in document coordinates, the canvas
 * size the document should have afterwards (bigger for expand and upscale), and notices worth showing the user
 * (e.g. "Balanced needs a neural upscaler; used Precise").
 */
public record OperationResult(Raster image, int x, int y, int canvasWidth, int canvasHeight, List<String> notices) {

    public OperationResult {
        Objects.requireNonNull(image, "image");
        if (canvasWidth <= 0 || canvasHeight <= 0) {
            throw new IllegalArgumentException("canvas size must be positive");
        }
        notices = List.copyOf(notices);
    }

    /** Returns a result covering a whole canvas of the image's own size, at (0, 0). */
    public static OperationResult whole(Raster image, List<String> notices) {
        return new OperationResult(image, 0, 0, image.width(), image.height(), notices);
    }
}
