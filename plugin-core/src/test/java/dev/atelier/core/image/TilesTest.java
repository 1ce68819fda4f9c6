package dev.atelier.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.testkit.SeededImages;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TilesTest {

    @ParameterizedTest(name = "{0}x{1} tile {2} overlap {3}")
    @CsvSource({
        "100, 80, 256, 32", // smaller than one tile
        "256, 256, 256, 0", // exactly one tile
        "512, 256, 256, 0", // exact multiple without overlap
        "512, 512, 256, 32",
        "1000, 300, 128, 16",
        "257, 255, 256, 255", // overlap one less than the tile
        "7, 13, 3, 1",
        "7, 13, 3, 2",
        "1, 1, 1, 0",
        "33, 9, 4, 3",
    })
    void coresPartitionTheImageAndRegionsOverlapAsAsked(int w, int h, int tileSize, int overlap) {
        List<Tile> tiles = Tiles.grid(w, h, tileSize, overlap);
        int[] owners = new int[w * h];
        Bounds image = Bounds.of(w, h);
        for (Tile t : tiles) {
            assertTrue(image.contains(t.region()), t + " region leaves the image");
            assertTrue(t.region().contains(t.core()), t + " core leaves its region");
            assertTrue(t.region().width() <= tileSize && t.region().height() <= tileSize, t + " region too big");
            for (int y = t.core().y(); y < t.core().bottom(); y++) {
                for (int x = t.core().x(); x < t.core().right(); x++) {
                    owners[y * w + x]++;
                }
            }
        }
        for (int i = 0; i < owners.length; i++) {
            assertEquals(1, owners[i], "pixel (" + i % w + ", " + i / w + ") is in " + owners[i] + " cores");
        }
        // Neighbours along a row or column share exactly `overlap` pixels (tiles are listed row by row).
        int columns = (int) tiles.stream().filter(t -> t.region().y() == 0).count();
        for (int i = 0; i < tiles.size(); i++) {
            Bounds a = tiles.get(i).region();
            if ((i + 1) % columns != 0) {
                Bounds right = tiles.get(i + 1).region();
                assertEquals(overlap, a.right() - right.x(), a + " and " + right);
            }
            if (i + columns < tiles.size()) {
                Bounds below = tiles.get(i + columns).region();
                assertEquals(overlap, a.bottom() - below.y(), a + " and " + below);
            }
        }
    }

    @Test
    void smallImageIsOneTile() {
        assertEquals(List.of(new Tile(Bounds.of(100, 80), Bounds.of(100, 80))), Tiles.grid(100, 80, 256, 32));
    }

    @Test
    void exactMultipleWithoutOverlapIsAPlainGrid() {
        List<Tile> tiles = Tiles.grid(512, 256, 256, 0);
        assertEquals(2, tiles.size());
        assertEquals(new Tile(new Bounds(256, 0, 256, 256), new Bounds(256, 0, 256, 256)), tiles.get(1));
    }

    @Test
    void knownLayoutWithOverlap() {
        // step 224: regions start at 0, 224, 448; the last is clipped to 64 pixels; cores cut mid-overlap.
        List<Tile> tiles = Tiles.grid(512, 100, 256, 32);
        assertEquals(3, tiles.size());
        assertEquals(new Tile(new Bounds(0, 0, 256, 100), new Bounds(0, 0, 240, 100)), tiles.get(0));
        assertEquals(new Tile(new Bounds(224, 0, 256, 100), new Bounds(240, 0, 224, 100)), tiles.get(1));
        assertEquals(new Tile(new Bounds(448, 0, 64, 100), new Bounds(464, 0, 48, 100)), tiles.get(2));
        assertEquals(new Bounds(16, 0, 224, 100), tiles.get(1).coreInRegion());
    }

    @Test
    void rowMajorOrder() {
        List<Tile> tiles = Tiles.grid(20, 20, 10, 0);
        assertEquals(new Bounds(10, 0, 10, 10), tiles.get(1).core());
        assertEquals(new Bounds(0, 10, 10, 10), tiles.get(2).core());
    }

    @Test
    void tilesCropAnImage() {
        Raster image = SeededImages.coordinates(50, 30);
        for (Tile t : Tiles.grid(50, 30, 16, 4)) {
            RgbaView tile = image.crop(t.region());
            Bounds core = t.coreInRegion();
            int px = tile.rgba(core.x(), core.y());
            assertEquals(t.core().x(), SeededImages.xOf(px));
            assertEquals(t.core().y(), SeededImages.yOf(px));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0, 10, 4, 0, 'image size must be positive, got 0x10'",
        "10, 10, 0, 0, 'tile size must be positive, got 0'",
        "10, 10, 4, 4, 'overlap must be at least 0 and less than the tile size 4, got 4'",
        "10, 10, 4, 9, 'overlap must be at least 0 and less than the tile size 4, got 9'",
        "10, 10, 4, -1, 'overlap must be at least 0 and less than the tile size 4, got -1'",
    })
    void invalidArguments(int w, int h, int tileSize, int overlap, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tiles.grid(w, h, tileSize, overlap));
        assertEquals(message, e.getMessage());
    }

    @Test
    void tileRefusesCoreOutsideRegion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tile(Bounds.of(4, 4), new Bounds(2, 2, 4, 4)));
        assertEquals("tile core 4x4@2,2 is not a non-empty part of region 4x4@0,0", e.getMessage());
    }
}
