package dev.atelier.core.operation;

import dev.atelier.core.image.Raster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an operation returns: an RGBA patch to add as a new layer at (x, y) in document coordinates, the canvas
 * size the document should have afterwards (bigger for expand and upscale), notices worth showing the user
 * (e.g. "Balanced needs a neural upscaler; used Precise"), and facts about how it was made that tools record
 * (e.g. Prep for 3D's crop box and scale, for its manifest).
 */
public record OperationResult(Raster image, int x, int y, int canvasWidth, int canvasHeight, List<String> notices,
        Map<String, String> metadata) {

    public OperationResult {
        Objects.requireNonNull(image, "image");
        if (canvasWidth <= 0 || canvasHeight <= 0) {
            throw new IllegalArgumentException("canvas size must be positive");
        }
        notices = List.copyOf(notices);
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata)); // keeps the engine's order
    }

    public OperationResult(Raster image, int x, int y, int canvasWidth, int canvasHeight, List<String> notices) {
        this(image, x, y, canvasWidth, canvasHeight, notices, Map.of());
    }

    /** Returns a result covering a whole canvas of the image's own size, at (0, 0). */
    public static OperationResult whole(Raster image, List<String> notices) {
        return new OperationResult(image, 0, 0, image.width(), image.height(), notices);
    }

    /** Returns this result with one more notice, first (it explains how the rest came about). */
    public OperationResult withNotice(String notice) {
        List<String> all = new java.util.ArrayList<>();
        all.add(notice);
        all.addAll(notices);
        return new OperationResult(image, x, y, canvasWidth, canvasHeight, all, metadata);
    }

    /** Returns this result with metadata added. */
    public OperationResult withMetadata(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.putAll(more);
        return new OperationResult(image, x, y, canvasWidth, canvasHeight, notices, all);
    }
}
