package dev.atelier.inference.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.image.Raster;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleImagesTest {

    @Test
    void imagesAreDeterministicForASeed() {
        assertEquals(ExampleImages.landscape(200, 120, 5), ExampleImages.landscape(200, 120, 5));
        assertEquals(ExampleImages.character(100, 140, 5), ExampleImages.character(100, 140, 5));
        assertEquals(ExampleImages.lineDrawing(120, 90), ExampleImages.lineDrawing(120, 90));
        assertNotEquals(ExampleImages.landscape(200, 120, 5), ExampleImages.landscape(200, 120, 6));
    }

    @Test
    void landscapeIsOpaqueAndTextured() {
        Raster img = ExampleImages.landscape(160, 100, 1);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                assertEquals(255, img.get(x, y, 3));
                colours.add(img.rgba(x, y));
            }
        }
        assertTrue(colours.size() > 2000, "only " + colours.size() + " colours");
    }

    @Test
    void characterHasTransparentBackgroundAndSoftEdges() {
        Raster img = ExampleImages.character(200, 240, 3);
        assertEquals(0, img.get(0, 0, 3));
        assertEquals(0, img.get(199, 239, 3));
        assertEquals(255, img.get(100, 140, 3));
        int partial = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int a = img.get(x, y, 3);
                partial += a > 0 && a < 255 ? 1 : 0;
            }
        }
        assertTrue(partial > 100, "antialiased rim expected, got " + partial);
    }

    @Test
    void demoSetHasThreeImagesOfDemoSize() {
        Map<String, Raster> all = ExampleImages.all();
        assertEquals(3, all.size());
        for (Raster r : all.values()) {
            assertTrue(r.width() >= 512 && r.width() <= 768 && r.height() >= 512 && r.height() <= 768, r.toString());
        }
    }
}
