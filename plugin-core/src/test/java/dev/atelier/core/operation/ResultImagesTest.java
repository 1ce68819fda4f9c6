package dev.atelier.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.core.image.Raster;
import dev.atelier.testkit.SeededImages;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultImagesTest {

    @Test
    void eachImageOfABatchIsLaidOverTheInputAtTheSamePlace() {
        Raster input = SeededImages.noise(1, 6, 4);
        Raster a = Raster.filled(2, 2, 0xff0000ff);
        Raster b = Raster.filled(2, 2, 0x00ff00ff);
        OperationResult r = new OperationResult(a, 3, 1, 6, 4, List.of()).withVariations(List.of(b));
        Raster first = ResultImages.flatten(input, r);
        Raster second = ResultImages.flatten(input, r, 1);
        assertEquals(first, ResultImages.flatten(input, r, 0));
        assertEquals(0xff0000ff, first.rgba(3, 1));
        assertEquals(0x00ff00ff, second.rgba(4, 2));
        assertEquals(input.rgba(0, 0), second.rgba(0, 0));
        assertEquals(input.rgba(5, 3), first.rgba(5, 3));
    }
}
