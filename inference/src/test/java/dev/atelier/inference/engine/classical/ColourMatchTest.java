package dev.atelier.inference.engine.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Raster;
import org.junit.jupiter.api.Test;

class ColourMatchTest {

    @Test
    void aFillThatIsTooLightIsBroughtBackToTheKnownColour() {
        int w = 64;
        int h = 64;
        Raster original = Raster.filled(w, h, 0x406080ff);
        byte[] filled = original.toByteArray();
        boolean[] hole = new boolean[w * h];
        boolean[] known = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                hole[i] = x >= 16 && x < 48 && y >= 16 && y < 48; // repainted
                known[i] = !(x >= 24 && x < 40 && y >= 24 && y < 40); // the selection inside it is not known
                if (hole[i]) {
                    filled[4 * i] = (byte) (0x40 + 20); // a shade too red everywhere it painted
                }
            }
        }
        ColourMatch.apply(original, filled, hole, known);
        for (int i = 0; i < w * h; i++) {
            assertTrue(Math.abs((filled[4 * i] & 0xff) - 0x40) <= 2, "pixel " + i + ": " + (filled[4 * i] & 0xff));
            assertEquals(0x60, filled[4 * i + 1] & 0xff); // channels that matched stay as they are
        }
    }
}
