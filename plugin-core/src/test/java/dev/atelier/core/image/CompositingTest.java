package dev.atelier.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CompositingTest {

    private static int over(int src, int dst) {
        byte[] d = Raster.filled(1, 1, dst).toByteArray();
        Compositing.over(Raster.filled(1, 1, src), 0, 0, d, 0);
        return Raster.wrap(1, 1, d).rgba(0, 0);
    }

    @Test
    void opaqueSourceReplaces() {
        assertEquals(0x112233ff, over(0x112233ff, 0xffffffff));
    }

    @Test
    void transparentSourceKeepsTheDestination() {
        assertEquals(0x808080ff, over(0xff000000, 0x808080ff));
    }

    @Test
    void halfOverTransparentKeepsItsColourAndAlpha() {
        assertEquals(0xff000080, over(0xff000080, 0x00000000));
    }

    @Test
    void halfOverOpaqueMixes() {
        assertEquals(0x80007fff, over(0xff000080, 0x0000ffff)); // 128/255 red over blue: 128 red, 127 blue
    }
}
