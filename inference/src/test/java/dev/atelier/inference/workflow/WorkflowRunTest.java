package dev.atelier.inference.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.core.workflow.WorkflowChecker;
import dev.atelier.core.workflow.WorkflowJson;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.testkit.SeededImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runner on a scripted executor: order, fan-out and fan-in, progress, skips, cancel and retry. */
class WorkflowRunTest {

    /** lines (detect) and cut (remove-background) both read the input; fix (retouch) takes lines' image and
     * cut's mask; up (upscale) enlarges fix. */
    static final String FAN = """
            {"format": 1, "id": "fan", "title": "Fan",
             "inputs": [{"id": "image", "type": "image"}, {"id": "sel", "type": "mask", "optional": true}],
             "nodes": [
               {"id": "up", "operation": "upscale"},
               {"id": "fix", "operation": "retouch"},
               {"id": "lines", "operation": "detect"},
               {"id": "cut", "operation": "remove-background"}
             ],
             "edges": [
               {"from": "inputs.image", "to": "lines.image"},
               {"from": "inputs.image", "to": "cut.image"},
               {"from": "lines.image", "to": "fix.image"},
               {"from": "cut.mask", "to": "fix.mask"},
               {"from": "fix.image", "to": "up.image"}
             ],
             "outputs": [{"id": "big", "from": "up.image"}, {"id": "cutout", "from": "cut.mask"},
                         {"id": "lines", "from": "lines.image"}]}
            """;

    private static final Raster IMAGE = SeededImages.noise(7, 8, 6);

    static CheckedWorkflow checked(String json) throws Exception {
        return WorkflowChecker.check(WorkflowJson.parse(json, "test"));
    }

    private static WorkflowRun run(String json, Optional<Mask> mask) throws Exception {
        CheckedWorkflow w = checked(json);
        return new WorkflowRun(w, w.requests(Map.of()), IMAGE, mask);
    }

    @Test
    void runsNodesAfterTheirFeedsAndWiresFanOutAndFanIn() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor();
        WorkflowResult r = run(FAN, Optional.empty()).run(exec, ProgressSink.none(), CancelToken.none());
        assertEquals(List.of(Operation.DETECT, Operation.REMOVE_BACKGROUND, Operation.RETOUCH, Operation.UPSCALE),
                exec.ops());
        assertSame(IMAGE, exec.calls.get(0).input().image()); // fan-out: both read the input itself
        assertSame(IMAGE, exec.calls.get(1).input().image());
        ScriptedExecutor.Call fix = exec.calls.get(2); // fan-in: lines' image, cut's mask
        assertEquals(ScriptedExecutor.invert(IMAGE), fix.input().image());
        Mask cut = fix.input().mask().orElseThrow();
        assertEquals(0, cut.get(0, 0));
        assertEquals(255, cut.get(7, 5));
        Raster expected = ScriptedExecutor.nearest2x(ScriptedExecutor.invert(ScriptedExecutor.invert(IMAGE)));
        assertEquals(expected, r.outputs().get("big"));
        assertEquals(List.of("big", "cutout", "lines"), List.copyOf(r.outputs().keySet()));
        assertEquals(255, r.outputs().get("cutout").get(7, 5, 0));
        assertEquals(0, r.outputs().get("cutout").get(0, 0, 0));
        assertEquals(List.of("lines: detect ran", "cut: remove-background ran", "fix: retouch ran",
                "up: upscale ran"), r.notices());
    }

    @Test
    void reportsProgressAcrossNodes() throws Exception {
        List<Double> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        run(FAN, Optional.empty()).run(new ScriptedExecutor(), (f, m) -> {
            fractions.add(f);
            messages.add(m);
        }, CancelToken.none());
        assertEquals(List.of(0.0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0), fractions);
        assertEquals("lines (1/4)", messages.get(0));
        assertEquals("lines (1/4): half", messages.get(1));
        assertEquals("up (4/4): half", messages.get(7));
        assertEquals("done", messages.get(8));
    }

    @Test
    void retryRedoesOnlyTheFailedNodeAndThoseAfterIt() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor();
        exec.failOnce.put(Operation.RETOUCH, new AtelierException(ErrorCode.OUT_OF_MEMORY, "Out of memory"));
        WorkflowRun run = run(FAN, Optional.empty());
        NodeFailedException e = assertThrows(NodeFailedException.class,
                () -> run.run(exec, ProgressSink.none(), CancelToken.none()));
        assertEquals("fix", e.node());
        assertEquals(ErrorCode.OUT_OF_MEMORY, e.code());
        assertEquals("node 'fix' (retouch) failed: Out of memory", e.getMessage());
        assertEquals(List.of("lines", "cut"), List.copyOf(run.finished().keySet()));

        WorkflowResult r = run.run(exec, ProgressSink.none(), CancelToken.none());
        assertEquals(List.of(Operation.DETECT, Operation.REMOVE_BACKGROUND, Operation.RETOUCH, Operation.RETOUCH,
                Operation.UPSCALE), exec.ops()); // detect and remove-background ran once
        assertEquals(16, r.outputs().get("big").width());
    }

    @Test
    void cancelStopsTheRunningNodeAndRunsNoMore() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor();
        exec.blockOn = Operation.REMOVE_BACKGROUND;
        CancelToken cancel = new CancelToken();
        WorkflowRun run = run(FAN, Optional.empty());
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            AtelierException e = assertThrows(AtelierException.class, () -> run.run(exec, ProgressSink.none(),
                    cancel));
            assertEquals(ErrorCode.CANCELLED, e.code());
        });
        assertTrue(exec.blocked.await(5, TimeUnit.SECONDS));
        cancel.cancel();
        done.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(Operation.DETECT, Operation.REMOVE_BACKGROUND), exec.ops());
        assertEquals(List.of("lines"), List.copyOf(run.finished().keySet()));
    }

    @Test
    void aMissingEngineSkipsItsNodeWithANotice() throws Exception {
        ScriptedExecutor exec = new ScriptedExecutor();
        exec.failAlways.put(Operation.REMOVE_BACKGROUND, new AtelierException(ErrorCode.OPERATION_UNAVAILABLE,
                "Remove background needs the isnet model: run atelier models install isnet"));
        WorkflowResult r = run(FAN, Optional.empty()).run(exec, ProgressSink.none(), CancelToken.none());
        // cut gave no mask, so fix (whose mask is required) is skipped too and passes lines' image on.
        assertEquals(List.of(Operation.DETECT, Operation.REMOVE_BACKGROUND, Operation.UPSCALE), exec.ops());
        assertEquals(List.of("lines: detect ran",
                "node 'cut' (remove-background) skipped: Remove background needs the isnet model: run atelier"
                        + " models install isnet",
                "node 'fix' (retouch) skipped: no mask came from cut.mask", "up: upscale ran"), r.notices());
        assertEquals(ScriptedExecutor.nearest2x(ScriptedExecutor.invert(IMAGE)), r.outputs().get("big"));
        assertEquals(255, r.outputs().get("cutout").get(0, 0, 0)); // no cut-out: all kept
    }

    static final String RETOUCH_SEL = """
            {"format": 1, "id": "sel", "title": "Sel",
             "inputs": [{"id": "image", "type": "image"}, {"id": "sel", "type": "mask", "optional": true}],
             "nodes": [{"id": "grow", "operation": "upscale"}, {"id": "fix", "operation": "retouch"}],
             "edges": [{"from": "inputs.image", "to": "FIX_FROM.image"}, {"from": "inputs.sel", "to": "fix.mask"},
                       {"from": "GROW_FROM", "to": "grow.image"}],
             "outputs": [{"id": "out", "from": "OUT"}]}
            """;

    @Test
    void aMaskFromAnOptionalInputThatWasNotGivenSkipsTheNode() throws Exception {
        String json = RETOUCH_SEL.replace("FIX_FROM", "fix").replace("GROW_FROM", "fix").replace("OUT", "grow");
        ScriptedExecutor exec = new ScriptedExecutor();
        WorkflowResult r = run(json, Optional.empty()).run(exec, ProgressSink.none(), CancelToken.none());
        assertEquals(List.of(Operation.UPSCALE), exec.ops());
        assertEquals("node 'fix' (retouch) skipped: no mask came from inputs.sel", r.notices().get(0));

        ScriptedExecutor given = new ScriptedExecutor();
        Mask all = Mask.filled(IMAGE.width(), IMAGE.height(), 255);
        run(json, Optional.of(all)).run(given, ProgressSink.none(), CancelToken.none());
        assertEquals(List.of(Operation.RETOUCH, Operation.UPSCALE), given.ops());
        assertSame(all, given.calls.get(0).input().mask().orElseThrow());
    }

    @Test
    void aMaskOfTheWrongSizeNamesTheNode() throws Exception {
        // grow doubles the image before fix gets the (input-sized) selection.
        String fixed = """
                {"format": 1, "id": "sel", "title": "Sel",
                 "inputs": [{"id": "image", "type": "image"}, {"id": "sel", "type": "mask"}],
                 "nodes": [{"id": "grow", "operation": "upscale"}, {"id": "fix", "operation": "retouch"}],
                 "edges": [{"from": "inputs.image", "to": "grow.image"}, {"from": "grow.image", "to": "fix.image"},
                           {"from": "inputs.sel", "to": "fix.mask"}],
                 "outputs": [{"id": "out", "from": "fix.image"}]}
                """;
        ScriptedExecutor exec = new ScriptedExecutor();
        NodeFailedException e = assertThrows(NodeFailedException.class, () -> run(fixed,
                Optional.of(Mask.filled(IMAGE.width(), IMAGE.height(), 255))).run(exec, ProgressSink.none(),
                CancelToken.none()));
        assertEquals("node 'fix' (retouch) failed: its mask (inputs.sel) is 8x6 but its image is 16x12",
                e.getMessage());
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void aNodeOutputIsItsResultLaidOverItsInput() throws Exception {
        // A patch result (as Retouch returns) is composited over the node's input, like a host's new layer.
        CheckedWorkflow w = checked(RETOUCH_SEL.replace("FIX_FROM", "fix").replace("GROW_FROM", "fix")
                .replace("OUT", "fix"));
        Raster patch = Raster.filled(2, 2, 0xFF0000FF);
        NodeExecutor exec = (req, in, p, c) -> new dev.atelier.core.operation.OperationResult(patch, 3, 2,
                in.image().width(), in.image().height(), List.of());
        WorkflowResult r = new WorkflowRun(w, w.requests(Map.of()), IMAGE,
                Optional.of(Mask.filled(8, 6, 255))).run(exec, ProgressSink.none(), CancelToken.none());
        Raster out = r.outputs().get("out");
        assertEquals(IMAGE.rgba(0, 0), out.rgba(0, 0));
        assertEquals(0xFF0000FF, out.rgba(3, 2));
        assertArrayEquals(new int[] {8, 6}, new int[] {out.width(), out.height()});
    }
}
