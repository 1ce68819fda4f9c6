package dev.atelier.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Mask;
import dev.atelier.core.operation.AspectRatio;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.Generation;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpandPlannerTest {

    private static final Generation G = new Generation("", "", 25, 7, -1, 1);
    private static final Optional<Mask> NONE = Optional.empty();

    private static ExpandRequest request(int l, int t, int r, int b, AspectRatio a, int band) {
        return new ExpandRequest(G, l, t, r, b, a, band);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(request(0, 0, 64, 0, AspectRatio.FREE, 32), NONE, new Margins(0, 0, 64, 0)),
                arguments(request(16, 8, 24, 40, AspectRatio.FREE, 0), NONE, new Margins(16, 8, 24, 40)),
                // 200x100 → 1:1: 100 extra rows split evenly.
                arguments(request(0, 0, 0, 0, AspectRatio.SQUARE, 32), NONE, new Margins(0, 50, 0, 50)),
                // 200x100 + 100 right = 300x100 → 16:9 needs 169 rows (ceil(300·9/16)).
                arguments(request(0, 0, 100, 0, AspectRatio.WIDE_16_9, 32), NONE, new Margins(0, 34, 100, 35)),
                // Already wider than 3:4 → taller; the extra goes where the margins already are (bottom).
                arguments(request(0, 0, 0, 20, AspectRatio.PORTRAIT_3_4, 32), NONE, new Margins(0, 0, 0, 167)),
                // Selection touching the right edge, 30 px deep → grow right by 32 (multiple of 8).
                arguments(request(0, 0, 0, 0, AspectRatio.FREE, 32),
                        Optional.of(Selections.rect(200, 100, 170, 10, 30, 50)), new Margins(0, 0, 32, 0)),
                // A full-width strip at the top grows the top only.
                arguments(request(0, 0, 0, 0, AspectRatio.FREE, 32),
                        Optional.of(Selections.rect(200, 100, 0, 0, 200, 12)), new Margins(0, 16, 0, 0)),
                // A corner selection grows both its sides.
                arguments(request(0, 0, 0, 0, AspectRatio.FREE, 32),
                        Optional.of(Selections.rect(200, 100, 0, 90, 20, 10)), new Margins(24, 0, 0, 16)),
                // Margins win over a selection.
                arguments(request(8, 0, 0, 0, AspectRatio.FREE, 32),
                        Optional.of(Selections.rect(200, 100, 170, 10, 30, 50)), new Margins(8, 0, 0, 0)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void marginsAspectAndSelectionGiveTheCanvas(ExpandRequest r, Optional<Mask> sel, Margins expected) {
        ExpandPlan plan = ExpandPlanner.plan(r, 200, 100, sel);
        assertEquals(expected, plan.margins(), plan.describe());
        assertEquals(200 + expected.left() + expected.right(), plan.width());
        if (r.aspect() != AspectRatio.FREE) {
            double ratio = (double) r.aspect().width() / r.aspect().height();
            assertEquals(ratio, (double) plan.width() / plan.height(), 0.01, plan.describe());
        }
        Bounds old = plan.oldImage();
        for (int y = 0; y < plan.height(); y++) {
            for (int x = 0; x < plan.width(); x++) {
                int g = plan.generation().get(x, y);
                int b = plan.blend().get(x, y);
                if (!old.contains(x, y)) {
                    assertEquals(255, g);
                    assertEquals(255, b);
                }
                assertTrue(b == 0 || g > 0, "blend without generation at " + x + "," + y);
            }
        }
    }

    @Test
    void theBandFadesIntoTheOldImageOnTheGrowingSideOnly() {
        ExpandPlan plan = ExpandPlanner.plan(request(0, 0, 64, 0, AspectRatio.FREE, 32), 200, 100, NONE);
        int y = 50;
        assertEquals(255, plan.generation().get(199 - 10, y)); // inside half the band: repainted fully
        assertTrue(plan.generation().get(199 - 24, y) > 0 && plan.generation().get(199 - 24, y) < 255);
        assertEquals(0, plan.generation().get(199 - 33, y));
        assertTrue(plan.blend().get(199 - 4, y) > 0 && plan.blend().get(199 - 4, y) < 255);
        assertEquals(0, plan.blend().get(199 - 17, y));
        assertEquals(0, plan.generation().get(0, y)); // the left side does not grow
        ExpandPlan noBand = ExpandPlanner.plan(request(0, 0, 64, 0, AspectRatio.FREE, 0), 200, 100, NONE);
        assertEquals(0, noBand.generation().get(199, y));
        assertEquals(255, noBand.generation().get(200, y));
    }

    @Test
    void withoutDirectionExpandSaysWhatItNeeds() {
        ExpandRequest zero = request(0, 0, 0, 0, AspectRatio.FREE, 32);
        assertEquals("Expand needs a margin above 0, an aspect ratio, or a selection touching the canvas edge to "
                + "grow towards", assertThrows(IllegalArgumentException.class,
                        () -> ExpandPlanner.plan(zero, 200, 100, NONE)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExpandPlanner.plan(zero, 200, 100,
                Optional.of(Selections.rect(200, 100, 50, 20, 30, 30)))).getMessage().endsWith("touches no edge)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExpandPlanner.plan(zero, 200, 100,
                Optional.of(Mask.filled(200, 100, 255)))).getMessage().endsWith("covers the whole image)"));
        assertEquals("the image is already 1:1; set a margin above 0 to expand it",
                assertThrows(IllegalArgumentException.class, () -> ExpandPlanner.plan(
                        request(0, 0, 0, 0, AspectRatio.SQUARE, 32), 100, 100, NONE)).getMessage());
    }

    @Test
    void thePlanSaysWhyItGrewThatWay() {
        ExpandPlan plan = ExpandPlanner.plan(request(0, 0, 0, 0, AspectRatio.FREE, 32), 200, 100,
                Optional.of(Selections.rect(200, 100, 170, 10, 30, 50)));
        assertTrue(plan.describe().startsWith("Expand plan 200x100 -> 232x100 (selection touching the right edge)"),
                plan.describe());
    }
}
