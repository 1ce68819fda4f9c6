package dev.atelier.inference.diffusion;

/**
 * An RGB image as three float planes (R, then G, then B; row-major) with values in 0..1: what the pipeline takes
 * and returns, free of any host or raster type.
 */
public record RgbPlanes(int width, int height, float[] values) {

    public RgbPlanes {
        if (width < 1 || height < 1 || values.length != 3L * width * height) {
            throw new IllegalArgumentException(values.length + " values for a " + width + "×" + height + " RGB image");
        }
    }

    /** An image filled with one colour. */
    public static RgbPlanes filled(int width, int height, float r, float g, float b) {
        float[] v = new float[3 * width * height];
        int n = width * height;
        java.util.Arrays.fill(v, 0, n, r);
        java.util.Arrays.fill(v, n, 2 * n, g);
        java.util.Arrays.fill(v, 2 * n, 3 * n, b);
        return new RgbPlanes(width, height, v);
    }
}
