package dev.atelier.inference.engine.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Bounds;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.core.plan.InpaintPlan;
import dev.atelier.core.plan.InpaintPlanner;
import dev.atelier.core.plan.InpaintSettings;
import dev.atelier.inference.bench.FillBaselines;
import dev.atelier.inference.bench.FillImages;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentAwareFillTest {

    private static final int W = 200;
    private static final int H = 150;
    private static final RetouchRequest REQUEST = new RetouchRequest(new Generation("", "", 25, 7, 5, 1), 4, 16, 6,
            12);

    private static Mask mask(int x0, int y0, int w, int h, double softness) {
        byte[] m = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double dx = Math.max(Math.max(x0 - x, x - (x0 + w - 1)), 0);
                double dy = Math.max(Math.max(y0 - y, y - (y0 + h - 1)), 0);
                double d = Math.hypot(dx, dy);
                double v = softness == 0 ? (d == 0 ? 1 : 0) : Math.max(0, 1 - d / softness);
                m[y * W + x] = (byte) Math.round(255 * v);
            }
        }
        return Mask.wrap(W, H, m);
    }

    static Stream<Arguments> selections() {
        Mask a = mask(20, 20, 15, 15, 0);
        Mask b = mask(150, 100, 20, 25, 0);
        byte[] islands = a.toByteArray();
        for (int i = 0; i < islands.length; i++) {
            islands[i] = (byte) Math.max(islands[i] & 0xff, b.unsafeBytes()[i] & 0xff);
        }
        return Stream.of(
                arguments("middle", mask(85, 60, 30, 30, 0)),
                arguments("left edge", mask(0, 50, 20, 40, 0)),
                arguments("bottom-right corner", mask(180, 130, 20, 20, 0)),
                arguments("tiny", mask(100, 75, 1, 1, 0)),
                arguments("islands", Mask.wrap(W, H, islands)),
                arguments("soft", mask(90, 60, 20, 20, 12)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void onlyTheBlendMaskChangesAndTheSelectionIsRebuilt(String name, Mask selection) throws Exception {
        Raster image = FillImages.stripes(W, H);
        OperationResult r = ContentAwareFill.retouch(REQUEST, image, selection, 2, ProgressSink.none(),
                CancelToken.none());
        InpaintPlan plan = InpaintPlanner.plan(selection, InpaintSettings.of(REQUEST));
        assertEquals(plan.patch(), new Bounds(r.x(), r.y(), r.image().width(), r.image().height()));
        Bounds ctx = plan.context();
        byte[] full = image.toByteArray();
        for (int y = 0; y < r.image().height(); y++) {
            for (int x = 0; x < r.image().width(); x++) {
                int cx = r.x() + x;
                int cy = r.y() + y;
                if (plan.blend().get(cx - ctx.x(), cy - ctx.y()) == 0) {
                    assertEquals(image.rgba(cx, cy), r.image().rgba(x, y), name + " changed " + cx + "," + cy);
                }
                System.arraycopy(r.image().unsafeBytes(), 4 * (y * r.image().width() + x), full,
                        4 * (cy * W + cx), 4);
            }
        }
        Raster after = Raster.wrap(W, H, full);
        double err = FillBaselines.holeRmse(image, after, selection);
        double mean = FillBaselines.holeRmse(image, FillBaselines.meanFill(image, selection), selection);
        assertTrue(err * 5 <= mean || err < 1, name + ": hole RMSE " + err + " vs mean fill " + mean);
    }

    @Test
    void reportsProgressByLevelAndStopsWhenCancelled() {
        Raster image = FillImages.texture(W, H);
        Mask selection = mask(70, 50, 60, 50, 0);
        CancelToken cancel = new CancelToken();
        List<String> messages = new ArrayList<>();
        AtelierException e = assertThrows(AtelierException.class, () -> ContentAwareFill.retouch(REQUEST, image,
                selection, 2, (f, m) -> {
                    messages.add(m);
                    cancel.cancel(); // after the first pass
                }, cancel));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("fill level 1/"), messages.toString());
    }

    @Test
    void theSameInputGivesTheSameFillOnAnyNumberOfThreads() throws Exception {
        Raster image = FillImages.noiseField(W, H);
        Mask selection = mask(70, 50, 60, 50, 0);
        OperationResult one = ContentAwareFill.retouch(REQUEST, image, selection, 1, ProgressSink.none(),
                CancelToken.none());
        OperationResult four = ContentAwareFill.retouch(REQUEST, image, selection, 4, ProgressSink.none(),
                CancelToken.none());
        assertEquals(one.image(), four.image());
    }

    @Test
    void aBatchGivesOneImageAndSaysWhy() throws Exception {
        Raster image = FillImages.noiseField(W, H);
        Mask selection = mask(85, 60, 30, 30, 0);
        RetouchRequest batch = new RetouchRequest(new Generation("", "", 25, 7, 5, 4), 4, 16, 6, 12);
        OperationResult one = ContentAwareFill.retouch(REQUEST, image, selection, 2, ProgressSink.none(),
                CancelToken.none());
        OperationResult four = ContentAwareFill.retouch(batch, image, selection, 2, ProgressSink.none(),
                CancelToken.none());
        assertEquals(List.of(one.image()), four.images(), "the fill is deterministic: one image, the same one");
        assertEquals(List.of(ContentAwareFill.NOTICE), one.notices());
        assertEquals(2, four.notices().size());
        assertTrue(four.notices().get(1).contains("one image was made instead of 4"), four.notices().get(1));
        OperationResult expanded = ContentAwareFill.expand(new dev.atelier.core.operation.ExpandRequest(
                batch.generation(), 0, 0, 16, 0), image, java.util.Optional.empty(), 2, ProgressSink.none(),
                CancelToken.none());
        assertEquals(1, expanded.images().size());
        assertEquals(four.notices(), expanded.notices());
    }
}
