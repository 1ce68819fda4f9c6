package dev.atelier.inference.engine.classical;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Compositing;
import dev.atelier.core.image.Raster;
import dev.atelier.core.image.RgbaView;
import dev.atelier.core.operation.Background;
import dev.atelier.core.operation.Prep3dRequest;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;

/**
 * Prep for 3D without a model: image-to-3D models (TripoSR, InstantMesh, Hunyuan3D) want one object centred on a
 * clean background, square, with a margin. The object is what the image's alpha says (a render with transparent
 * film); it is cropped to its bounds, scaled so its longer side spans the square minus the margins (enlarged only
 * when {@code upscaleSmall}), centred, and laid over the chosen background.
 */
public final class PrepFor3d {

    /** Alpha at or below this counts as background when finding the object's bounds (soft fringes stay out). */
    static final int ALPHA_THRESHOLD = 8;

    private PrepFor3d() {}

    /** Returns the prepared square view, plus the crop box and scale used (for manifests). */
    public static Prepared prepare(RgbaView src, Prep3dRequest request, int threads, ProgressSink progress,
            CancelToken cancel) throws AtelierException {
        cancel.check();
        Bounds box = objectBounds(src);
        int size = request.size();
        double span = size * (1 - 2 * request.marginPercent() / 100.0);
        double scale = span / Math.max(box.width(), box.height());
        if (scale > 1 && !request.upscaleSmall()) {
            scale = 1; // small objects keep their pixels; they are only centred
        }
        int w = Math.max(1, (int) Math.round(box.width() * scale));
        int h = Math.max(1, (int) Math.round(box.height() * scale));
        progress.report(0.1, "cropped to " + box.width() + "x" + box.height());
        Raster object = w == box.width() && h == box.height() ? src.crop(box).toRaster()
                : LanczosUpscaler.resize(src.crop(box), w, h, threads, (f, m) -> progress.report(0.1 + 0.8 * f, m),
                        cancel);
        cancel.check();
        Raster out = compose(object, size, (size - w) / 2, (size - h) / 2, request.background());
        progress.report(1, "done");
        return new Prepared(out, box, scale);
    }

    /** The result of one view. */
    public record Prepared(Raster image, Bounds crop, double scale) {

        /** The crop box and scale, as the result metadata tools record in their manifests. */
        public java.util.Map<String, String> metadata() {
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            m.put("cropX", Integer.toString(crop.x()));
            m.put("cropY", Integer.toString(crop.y()));
            m.put("cropWidth", Integer.toString(crop.width()));
            m.put("cropHeight", Integer.toString(crop.height()));
            m.put("scale", Double.toString(scale));
            return m;
        }
    }

    /** Returns the bounds of the pixels whose alpha is above the threshold, or explains why there is no object. */
    static Bounds objectBounds(RgbaView src) throws AtelierException {
        int w = src.width();
        int h = src.height();
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        boolean opaque = true;
        byte[] row = new byte[4 * w];
        for (int y = 0; y < h; y++) {
            src.readRow(y, 0, w, row, 0);
            for (int x = 0; x < w; x++) {
                int a = row[4 * x + 3] & 0xff;
                opaque &= a == 255;
                if (a > ALPHA_THRESHOLD) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (opaque) {
            throw new AtelierException(ErrorCode.OPERATION_UNAVAILABLE, "Prep for 3D needs the object cut out: "
                    + "render with a transparent background (film transparent) or install a background-removal model"
                    + " (atelier models install isnet --accept-licence)");
        }
        if (x1 < 0) {
            throw new AtelierException(ErrorCode.INVALID_PARAMETERS, "Prep for 3D found no object: the image is "
                    + "fully transparent");
        }
        return new Bounds(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /** Lays {@code object} at (x, y) on a size² canvas of {@code background} (source-over, straight alpha). */
    static Raster compose(Raster object, int size, int x, int y, Background background) {
        byte[] out = Raster.filled(size, size, background.rgba()).toByteArray();
        for (int oy = 0; oy < object.height(); oy++) {
            for (int ox = 0; ox < object.width(); ox++) {
                Compositing.over(object, ox, oy, out, 4 * ((y + oy) * size + x + ox));
            }
        }
        return Raster.wrap(size, size, out);
    }
}
