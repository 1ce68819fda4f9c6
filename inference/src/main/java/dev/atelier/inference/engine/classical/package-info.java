/**
 * The model-free "classical" engine's algorithms: Lanczos-3 upscaling in linear light ({@link
 * dev.atelier.inference.engine.classical.LanczosUpscaler}), Canny edges ({@link
 * dev.atelier.inference.engine.classical.CannyEdges}) and XDoG line art ({@link
 * dev.atelier.inference.engine.classical.XdogLineArt}). All take an {@code RgbaView} and return an owned
 * {@code Raster}; none needs model weights, a GPU or native code.
 */
package dev.atelier.inference.engine.classical;
