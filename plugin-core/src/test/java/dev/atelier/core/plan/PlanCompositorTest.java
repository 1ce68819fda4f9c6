package dev.atelier.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.AspectRatio;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.testkit.SeededImages;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanCompositorTest {

    @Test
    void retouchChangesOnlyWhereTheBlendIsAboveZero() {
        Raster canvas = SeededImages.noise(3, 320, 240);
        Mask sel = Selections.disc(320, 240, 20, 120, 30, 10); // soft, touching the left edge
        InpaintPlan plan = InpaintPlanner.plan(sel, InpaintSettings.DEFAULT);
        Bounds ctx = plan.context();
        Raster generated = Raster.filled(ctx.width(), ctx.height(), 0x10203040);
        OperationResult r = PlanCompositor.composite(canvas, plan, generated, List.of("n"));
        assertEquals(plan.patch().x(), r.x());
        assertEquals(320, r.canvasWidth());
        for (int y = 0; y < r.image().height(); y++) {
            for (int x = 0; x < r.image().width(); x++) {
                int cx = r.x() + x;
                int cy = r.y() + y;
                int b = plan.blend().get(cx - ctx.x(), cy - ctx.y());
                if (b == 0) {
                    assertEquals(canvas.rgba(cx, cy), r.image().rgba(x, y), "changed outside the blend");
                } else if (b == 255) {
                    assertEquals(0x10203040, r.image().rgba(x, y));
                }
            }
        }
    }

    @Test
    void expandKeepsOldPixelsOutsideTheBlendAndPlacesTheOldImage() {
        Raster old = SeededImages.noise(4, 100, 80);
        ExpandPlan plan = ExpandPlanner.plan(new ExpandRequest(new Generation("", "", 25, 7, -1, 1), 20, 0, 0, 10,
                AspectRatio.FREE, 16), 100, 80, Optional.empty());
        Raster generated = Raster.filled(plan.width(), plan.height(), 0xffffffff);
        OperationResult r = PlanCompositor.composite(old, plan, generated, List.of());
        assertEquals(-20, r.x());
        assertEquals(0, r.y());
        assertEquals(120, r.canvasWidth());
        assertEquals(90, r.canvasHeight());
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 100; x++) {
                if (plan.blend().get(x + 20, y) == 0) {
                    assertEquals(old.rgba(x, y), r.image().rgba(x + 20, y));
                }
            }
        }
        assertEquals(0xffffffff, r.image().rgba(5, 5));
        assertEquals(0xffffffff, r.image().rgba(50, 85));
    }

    @Test
    void aTransparentOriginalAddsNoDarkFringe() {
        Raster clear = Raster.filled(300, 300, 0x00000000); // transparent black
        InpaintPlan plan = InpaintPlanner.plan(Selections.rect(300, 300, 140, 140, 20, 20), InpaintSettings.DEFAULT);
        Bounds ctx = plan.context();
        OperationResult r = PlanCompositor.composite(clear, plan, Raster.filled(ctx.width(), ctx.height(),
                0xff0000ff), List.of());
        for (int y = 0; y < r.image().height(); y++) {
            for (int x = 0; x < r.image().width(); x++) {
                int a = r.image().get(x, y, 3);
                if (a > 0) {
                    assertEquals(255, r.image().get(x, y, 0), "red stays red at any alpha");
                    assertEquals(plan.blend().get(r.x() + x - ctx.x(), r.y() + y - ctx.y()), a, 1);
                }
            }
        }
    }
}
