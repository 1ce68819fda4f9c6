package dev.atelier.core.operation;

import dev.atelier.core.image.Compositing;
import dev.atelier.core.image.Raster;

/**
 * Turns a result patch into a whole image for file output: a patch that covers its canvas is the image;
 * otherwise it is laid over the input (source-over), as a host would show the new layer above the old ones.
 */
public final class ResultImages {

    private ResultImages() {}

    public static Raster flatten(Raster input, OperationResult result) {
        return flatten(input, result, 0);
    }

    /** Image {@code index} of a batch ({@link OperationResult#images()}) as a whole image, as above. */
    public static Raster flatten(Raster input, OperationResult result, int index) {
        Raster patch = result.images().get(index);
        int cw = result.canvasWidth();
        int ch = result.canvasHeight();
        if (result.x() == 0 && result.y() == 0 && patch.width() == cw && patch.height() == ch) {
            return patch;
        }
        byte[] out = new byte[Raster.checkedSize(cw, ch)];
        byte[] row = new byte[4 * input.width()];
        for (int y = 0; y < Math.min(ch, input.height()); y++) {
            input.readRow(y, 0, input.width(), row, 0);
            System.arraycopy(row, 0, out, 4 * cw * y, 4 * Math.min(cw, input.width()));
        }
        for (int py = 0; py < patch.height(); py++) {
            int y = py + result.y();
            if (y < 0 || y >= ch) {
                continue;
            }
            for (int px = 0; px < patch.width(); px++) {
                int x = px + result.x();
                if (x < 0 || x >= cw) {
                    continue;
                }
                Compositing.over(patch, px, py, out, 4 * (y * cw + x));
            }
        }
        return Raster.wrap(cw, ch, out);
    }
}
