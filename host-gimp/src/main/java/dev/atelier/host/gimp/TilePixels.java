package dev.atelier.host.gimp;

import dev.atelier.core.image.HostPixels;
import dev.atelier.core.image.Raster;

/** Turns the tile API's 8-bit layouts (grey, grey+alpha, RGB, RGBA) into an RGBA raster. */
final class TilePixels {

    private TilePixels() {}

    static Raster toRaster(int w, int h, byte[] data, int bpp) {
        switch (bpp) {
            case 4:
                return HostPixels.fromGimpRgba(w, h, data);
            case 3:
                return HostPixels.fromGimpRgb(w, h, data);
            case 2:
            case 1:
                byte[] rgba = new byte[Raster.checkedSize(w, h)];
                for (int p = 0, s = 0; p < rgba.length; p += 4, s += bpp) {
                    rgba[p] = data[s];
                    rgba[p + 1] = data[s];
                    rgba[p + 2] = data[s];
                    rgba[p + 3] = bpp == 2 ? data[s + 1] : (byte) 255;
                }
                return Raster.wrap(w, h, rgba);
            default:
                throw new IllegalArgumentException("unsupported " + bpp + " bytes per pixel (high bit depth?)");
        }
    }
}
