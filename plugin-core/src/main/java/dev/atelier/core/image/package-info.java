/**
 * Images as the core sees them: {@link dev.atelier.core.image.Raster} owns RGBA bytes,
 * {@link dev.atelier.core.image.RgbaView} and {@link dev.atelier.core.image.MaskView} read them.
 *
 * <ul>
 *   <li><b>Views, not copies.</b> Crop, pad and tiles re-index the same pixels; only {@code toRaster()} and
 *       {@code toMask()} copy, so a 16k image is never duplicated by accident.</li>
 *   <li><b>Straight alpha.</b> Colour is never premultiplied by alpha.</li>
 *   <li><b>sRGB storage, linear maths.</b> Bytes are sRGB-encoded; resampling and blending convert through
 *       {@link dev.atelier.core.image.ColorSpace} to linear light first.</li>
 *   <li><b>Host formats at the edge.</b> {@link dev.atelier.core.image.HostPixels} converts Krita, GIMP and Blender
 *       buffers once, on the way in and out.</li>
 * </ul>
 */
package dev.atelier.core.image;
