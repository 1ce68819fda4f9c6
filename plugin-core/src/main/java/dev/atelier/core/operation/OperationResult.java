package dev.atelier.core.operation;

import dev.atelier.core.image.Raster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an operation returns: an RGBA patch to add as a new layer at (x, y) in document coordinates, the canvas
 * size the document should have afterwards (bigger for expand and upscale), notices worth showing the user
 * (e.g. "Balanced needs a neural upscaler; used Precise"), and facts about how it was made that tools record
 * (e.g. Prep for 3D's crop box and scale, for its manifest). A batch (diffusion's batch count) adds
 * {@code variations}: more patches of the same size at the same place, one layer each; {@link #image()} is the
 * first of {@link #images()}.
 */
public record OperationResult(Raster image, int x, int y, int canvasWidth, int canvasHeight, List<String> notices,
        Map<String, String> metadata, List<Raster> variations) {

    /** The most images one result holds (the batch count's upper bound); readers refuse more. */
    public static final int MAX_IMAGES = 8;

    public OperationResult {
        Objects.requireNonNull(image, "image");
        if (canvasWidth <= 0 || canvasHeight <= 0) {
            throw new IllegalArgumentException("canvas size must be positive");
        }
        notices = List.copyOf(notices);
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata)); // keeps the engine's order
        variations = List.copyOf(variations);
        if (variations.size() + 1 > MAX_IMAGES) {
            throw new IllegalArgumentException("at most " + MAX_IMAGES + " images, got " + (variations.size() + 1));
        }
        for (Raster v : variations) {
            if (v.width() != image.width() || v.height() != image.height()) {
                throw new IllegalArgumentException("a variation is " + v.width() + "x" + v.height() + ", the image "
                        + image.width() + "x" + image.height());
            }
        }
    }

    public OperationResult(Raster image, int x, int y, int canvasWidth, int canvasHeight, List<String> notices,
            Map<String, String> metadata) {
        this(image, x, y, canvasWidth, canvasHeight, notices, metadata, List.of());
    }

    public OperationResult(Raster image, int x, int y, int canvasWidth, int canvasHeight, List<String> notices) {
        this(image, x, y, canvasWidth, canvasHeight, notices, Map.of());
    }

    /** Returns a result covering a whole canvas of the image's own size, at (0, 0). */
    public static OperationResult whole(Raster image, List<String> notices) {
        return new OperationResult(image, 0, 0, image.width(), image.height(), notices);
    }

    /** Returns every image: {@link #image()} first, then the variations. */
    public List<Raster> images() {
        List<Raster> all = new ArrayList<>(1 + variations.size());
        all.add(image);
        all.addAll(variations);
        return List.copyOf(all);
    }

    /** Returns this result with one more notice, first (it explains how the rest came about). */
    public OperationResult withNotice(String notice) {
        List<String> all = new ArrayList<>();
        all.add(notice);
        all.addAll(notices);
        return new OperationResult(image, x, y, canvasWidth, canvasHeight, all, metadata, variations);
    }

    /** Returns this result with metadata added. */
    public OperationResult withMetadata(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.putAll(more);
        return new OperationResult(image, x, y, canvasWidth, canvasHeight, notices, all, variations);
    }

    /** Returns this result with {@code more} images after its own, same size and place (a batch). */
    public OperationResult withVariations(List<Raster> more) {
        List<Raster> all = new ArrayList<>(variations);
        all.addAll(more);
        return new OperationResult(image, x, y, canvasWidth, canvasHeight, notices, metadata, all);
    }
}
