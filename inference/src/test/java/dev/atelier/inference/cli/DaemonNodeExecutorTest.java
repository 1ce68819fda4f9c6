package dev.atelier.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.Submission;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.ResultImages;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.core.workflow.WorkflowChecker;
import dev.atelier.core.workflow.WorkflowJson;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.inference.workflow.WorkflowResult;
import dev.atelier.inference.workflow.WorkflowRun;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes as daemon jobs over a real socket: the node's values with the {@code --set} overrides are what the daemon
 * runs, the result equals the steps submitted one by one, and progress arrives across the nodes.
 */
class DaemonNodeExecutorTest {

    @TempDir
    Path dir;

    @Test
    void runsEachNodeAsTheJobAHostWouldSubmitWithOverridesLaidOver() throws Exception {
        CheckedWorkflow w = WorkflowChecker.check(WorkflowJson.parse("""
                {"format": 1, "id": "up-then-edges", "inputs": [{"id": "image", "type": "image"}],
                 "nodes": [{"id": "up", "operation": "upscale", "params": {"factor": "2", "preset": "precise"}},
                           {"id": "edges", "operation": "detect", "params": {"mode": "canny"}}],
                 "edges": [{"from": "inputs.image", "to": "up.image"}, {"from": "up.image", "to": "edges.image"}],
                 "outputs": [{"id": "big", "from": "up.image"}, {"id": "lines", "from": "edges.image"}]}
                """, "test"));
        Map<String, Map<String, JsonElement>> overrides = Map.of("up", Map.of("factor", new JsonPrimitive("4")));
        Map<String, OperationRequest> requests = w.requests(overrides);
        Raster image = SeededImages.shapes(4, 40, 30);
        try (DaemonFixture daemon = DaemonFixture.classicalOnly(dir); DaemonClient client = daemon.client()) {
            List<Double> progress = new ArrayList<>();
            WorkflowResult r = new WorkflowRun(w, requests, image, Optional.empty()).run(
                    new DaemonNodeExecutor(client, w, requests, overrides), (f, m) -> progress.add(f),
                    new CancelToken());

            Submission up = Submission.builder().setOperation("upscale").setImage(image).optParam("factor", "4")
                    .optParam("preset", "precise").build();
            Raster big = ResultImages.flatten(image, client.run(up, null));
            Submission edges = Submission.builder().setOperation("detect").setImage(big).optParam("mode", "canny")
                    .build();
            Raster lines = ResultImages.flatten(big, client.run(edges, null));
            assertEquals(160, r.outputs().get("big").width()); // the override, not the file's factor 2
            assertEquals(big, r.outputs().get("big"));
            assertEquals(lines, r.outputs().get("lines"));
            assertEquals(1.0, progress.get(progress.size() - 1));
            assertTrue(progress.stream().anyMatch(f -> f >= 0.5 && f < 1), "no progress from the second node: "
                    + progress);
        }
    }
}
