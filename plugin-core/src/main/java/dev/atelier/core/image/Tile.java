package dev.atelier.core.image;

/**
 * One tile of a {@link Tiles#grid}: {@code region} is what the engine reads (the tile with its overlap, clipped to
 * the image) and {@code core} the part of the result this tile owns. The cores of a grid partition the image.
 */
public record Tile(Bounds region, Bounds core) {

    public Tile {
        if (region == null || core == null) {
            throw new IllegalArgumentException("tile region and core must not be null");
        }
        if (core.isEmpty() || !region.contains(core)) {
            throw new IllegalArgumentException("tile core " + core + " is not a non-empty part of region " + region);
        }
    }

    /** Returns the core in the region's own coordinates, i.e. where to read it from the tile's result. */
    public Bounds coreInRegion() {
        return core.translate(-region.x(), -region.y());
    }
}
