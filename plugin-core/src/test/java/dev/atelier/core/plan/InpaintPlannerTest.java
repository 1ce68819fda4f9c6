package dev.atelier.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Mask;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InpaintPlannerTest {

    private static final int W = 640;
    private static final int H = 480;

    static Stream<Arguments> selections() {
        return Stream.of(
                arguments("middle", Selections.rect(W, H, 280, 200, 80, 60)),
                arguments("left edge", Selections.rect(W, H, 0, 200, 40, 60)),
                arguments("bottom edge", Selections.rect(W, H, 300, 430, 50, 50)),
                arguments("top-left corner", Selections.rect(W, H, 0, 0, 30, 30)),
                arguments("bottom-right corner", Selections.rect(W, H, 600, 440, 40, 40)),
                arguments("tiny (1 px)", Selections.rect(W, H, 320, 240, 1, 1)),
                arguments("huge (most of the canvas)", Selections.rect(W, H, 10, 10, 620, 460)),
                arguments("everything", Mask.filled(W, H, 255)),
                arguments("islands", Selections.union(Selections.rect(W, H, 40, 40, 30, 30),
                        Selections.rect(W, H, 500, 380, 60, 40), Selections.disc(W, H, 320, 100, 20, 0))),
                arguments("soft disc", Selections.disc(W, H, 320, 240, 60, 24)),
                arguments("soft disc at the edge", Selections.disc(W, H, 5, 240, 50, 30)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void planInvariantsHold(String name, Mask selection) {
        for (InpaintSettings s : new InpaintSettings[] {InpaintSettings.DEFAULT, new InpaintSettings(0, 0, 0, 0),
                new InpaintSettings(16, 64, 48, 20), new InpaintSettings(2, 8, 100, 100)}) {
            InpaintPlan plan = InpaintPlanner.plan(selection, s);
            String why = name + ", " + s + "\n" + plan.describe();
            Bounds ctx = plan.context();
            assertTrue(Bounds.of(W, H).contains(ctx), why);
            assertTrue(ctx.width() % 8 == 0 || ctx.width() == W, why);
            assertTrue(ctx.height() % 8 == 0 || ctx.height() == H, why);
            assertTrue(ctx.width() >= Math.min(W, InpaintPlanner.MIN_CONTEXT), why);
            assertTrue(ctx.contains(plan.selection()), why);
            assertTrue(ctx.contains(plan.patch()), why);
            int reach = s.reach();
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int sel = selection.get(x, y);
                    boolean inside = ctx.contains(x, y);
                    int g = inside ? plan.generation().get(x - ctx.x(), y - ctx.y()) : 0;
                    int b = inside ? plan.blend().get(x - ctx.x(), y - ctx.y()) : 0;
                    if (sel > 0) {
                        assertTrue(inside, why + " selected pixel outside context at " + x + "," + y);
                        assertTrue(g >= sel && b >= sel, why + " mask below the selection at " + x + "," + y);
                    }
                    if (sel == 255) {
                        assertEquals(255, b, why + " selected pixel not fully replaced at " + x + "," + y);
                    }
                    if (b > 0) {
                        assertTrue(g > 0, why + " blends a pixel that is not generated at " + x + "," + y);
                        assertTrue(plan.patch().contains(x, y), why);
                    }
                    if (g > 0 && sel == 0) { // generated pixels lie within reach of the selection's bounds
                        assertTrue(plan.selection().grow(reach + 1).contains(x, y), why + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void growAndFeatherShapeTheGenerationMaskAroundAHardSelection() {
        InpaintPlan plan = InpaintPlanner.plan(Selections.rect(W, H, 300, 200, 40, 40),
                new InpaintSettings(4, 32, 24, 6));
        Bounds c = plan.context();
        int y = 220 - c.y();
        // Right of the selection (last selected column 339): grown 4 px, then fading for 32 px.
        assertEquals(255, plan.generation().get(339 + 4 - c.x(), y));
        assertTrue(in(plan.generation().get(339 + 20 - c.x(), y), 1, 254));
        assertEquals(0, plan.generation().get(339 + 36 - c.x(), y));
        // The seam: the last 24 px of the same reach, so it ends where generation ends.
        assertEquals(255, plan.blend().get(339 + 10 - c.x(), y));
        assertTrue(in(plan.blend().get(339 + 24 - c.x(), y), 1, 254));
        assertEquals(0, plan.blend().get(339 + 36 - c.x(), y));
    }

    private static boolean in(int v, int lo, int hi) {
        return v >= lo && v <= hi;
    }

    @Test
    void paddingGrowsWithTheSelectionIsAMultipleOf8AndCapped() {
        assertEquals(8, InpaintPlanner.padding(100, 6));
        assertEquals(64, InpaintPlanner.padding(1000, 6));
        assertEquals(InpaintPlanner.MAX_PADDING, InpaintPlanner.padding(20000, 6));
        assertEquals(0, InpaintPlanner.padding(1000, 0));
        int last = 0;
        for (int side = 10; side < 8000; side += 37) {
            int p = InpaintPlanner.padding(side, 10);
            assertTrue(p >= last && p % 8 == 0 && p <= InpaintPlanner.MAX_PADDING);
            last = p;
        }
    }

    @Test
    void contextGrowsWithTheSelection() {
        int small = InpaintPlanner.plan(Selections.rect(4000, 3000, 1900, 1400, 100, 100), InpaintSettings.DEFAULT)
                .context().width();
        int big = InpaintPlanner.plan(Selections.rect(4000, 3000, 1000, 1000, 1500, 1000), InpaintSettings.DEFAULT)
                .context().width();
        assertEquals(InpaintPlanner.MIN_CONTEXT, small);
        assertEquals(1500 + 2 * (36 + 1) + 2 * 96 + 2, big, "1500 + reach both sides, padding 6 % → 96, to 8");
    }

    @Test
    void anEdgeSelectionKeepsTheCanvasSize() {
        InpaintPlan plan = InpaintPlanner.plan(Selections.rect(W, H, 600, 0, 40, 480), InpaintSettings.DEFAULT);
        assertEquals(W, plan.canvasWidth());
        assertEquals(new Bounds(600, 0, 40, 480), plan.selection());
        assertEquals(H, plan.context().height());
    }

    @Test
    void anEmptySelectionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InpaintPlanner.plan(Mask.filled(10, 10, 0), InpaintSettings.DEFAULT));
        assertEquals("nothing is selected", e.getMessage());
    }

    @Test
    void thePlanPrintsAsAFewReadableLines() {
        InpaintPlan plan = InpaintPlanner.plan(Selections.rect(W, H, 300, 200, 40, 40), InpaintSettings.DEFAULT);
        assertEquals("""
                Inpaint plan on a 640x480 canvas
                  selection  40x40@300,200
                  context    256x256@192,92 (grow 4 px, feather 32 px, blend 24 px, padding 6 %)
                  generation G
                  blend      B, patch 110x110@265,165
                """.replace("G", InpaintPlan.coverage(plan.generation()))
                        .replace("B", InpaintPlan.coverage(plan.blend())),
                plan.toString());
    }
}
