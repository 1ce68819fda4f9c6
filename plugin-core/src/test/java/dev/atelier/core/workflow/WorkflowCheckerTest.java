package dev.atelier.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.UpscaleRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowCheckerTest {

    private static CheckedWorkflow check(String json) throws WorkflowException {
        return WorkflowChecker.check(WorkflowJson.parse(json, "test.json"));
    }

    private static List<String> problems(String json) {
        WorkflowException e = assertThrows(WorkflowException.class, () -> check(json));
        return e.problems().stream().map(WorkflowProblem::toString).toList();
    }

    @Test
    void ordersNodesAfterTheNodesFeedingThem() throws Exception {
        CheckedWorkflow w = check(Workflows.CHAIN);
        assertEquals(List.of("restyle", "up"), w.order().stream().map(WorkflowNode::id).toList());
        assertEquals(Operation.UPSCALE, w.operation("up"));
        assertEquals(Map.of("image", new Endpoint("restyle", "image")), w.feeds("up"));
        assertEquals("photo", w.imageInput().id());
        assertEquals("sel", w.maskInput().orElseThrow().id());
    }

    @Test
    void bindsEveryNodeWithOverridesOnTop() throws Exception {
        CheckedWorkflow w = check(Workflows.CHAIN);
        Map<String, OperationRequest> r = w.requests(Map.of("up", Map.of("factor", new JsonPrimitive("4"))));
        assertEquals(List.of("restyle", "up"), List.copyOf(r.keySet()));
        assertEquals(70, ((Img2ImgRequest) r.get("restyle")).influence());
        assertEquals(4, ((UpscaleRequest) r.get("up")).factor());
    }

    @Test
    void overridesAreCheckedLikeTheFile() throws Exception {
        CheckedWorkflow w = check(Workflows.CHAIN);
        WorkflowException e = assertThrows(WorkflowException.class, () -> w.requests(Map.of(
                "up", Map.of("factor", new JsonPrimitive("3")),
                "nope", Map.of("x", new JsonPrimitive(1)))));
        assertEquals(List.of("node 'nope': no such node; nodes: restyle, up",
                "node 'up', field 'factor': must be one of 2, 4, 8 (got 3)"),
                e.problems().stream().map(WorkflowProblem::toString).toList());
    }

    @Test
    void unknownOperationNamesTheNode() {
        assertEquals(List.of("node 'up', field 'operation': unknown operation 'blur'; known: img2img, retouch,"
                        + " expand, upscale, remove-background, detect, prep-3d"),
                problems(Workflows.chainWith("\"operation\": \"upscale\"", "\"operation\": \"blur\"")));
    }

    @Test
    void outOfRangeAndUnknownParametersNameNodeAndField() {
        List<String> p = problems(Workflows.chainWith("\"influence\": 70", "\"influence\": 150, \"strength\": 1"));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("node 'restyle', field 'influence': must be 0..100"), p.get(0));
        assertTrue(p.get(1).startsWith("node 'restyle', field 'strength': unknown field 'strength'"), p.get(1));
    }

    @Test
    void sourceFieldsAreInputsNotParameters() {
        assertEquals(List.of("node 'up', field 'image': is an input, not a parameter; connect it with an edge to"
                        + " up.image"),
                problems(Workflows.chainWith("\"factor\": \"2\"", "\"image\": \"layer\"")));
    }

    @Test
    void cyclesAreNamedNodeByNode() {
        String json = Workflows.chainWith("{\"from\": \"inputs.photo\", \"to\": \"restyle.image\"}",
                "{\"from\": \"up.image\", \"to\": \"restyle.image\"}");
        assertEquals(List.of("node 'restyle': is in a cycle: restyle -> up -> restyle"), problems(json));
    }

    @Test
    void requiredInputsMustBeConnected() {
        String json = Workflows.chainWith("{\"from\": \"restyle.image\", \"to\": \"up.image\"}",
                "{\"from\": \"inputs.photo\", \"to\": \"up.mask\"}");
        assertEquals(List.of("node 'up', field 'mask': no such input; upscale takes image",
                        "node 'up', field 'image': required input not connected; add an edge to up.image"),
                problems(json));
    }

    @Test
    void imageToMaskIsATypeMismatch() {
        String json = Workflows.chainWith("\"operation\": \"upscale\", \"params\": {\"factor\": \"2\"}",
                "\"operation\": \"retouch\", \"params\": {}").replace("\"from\": \"up.image\"", "\"from\": \"up\"")
                .replace("{\"from\": \"restyle.image\", \"to\": \"up.image\"}",
                        "{\"from\": \"restyle.image\", \"to\": \"up.image\"},"
                                + " {\"from\": \"inputs.photo\", \"to\": \"up.mask\"}");
        assertEquals(List.of("node 'up', field 'mask': type mismatch: inputs.photo is an image, this input takes a"
                + " mask"), problems(json));
    }

    @Test
    void edgesAndOutputsMustNameSomething() {
        String json = Workflows.chainWith("{\"from\": \"inputs.photo\", \"to\": \"restyle.image\"}",
                "{\"from\": \"inputs.camera\", \"to\": \"restyle.image\"}, {\"from\": \"ghost\", \"to\": \"up\"},"
                        + " {\"from\": \"restyle.depth\", \"to\": \"inputs.photo\"}")
                .replace("\"from\": \"up.image\"}]", "\"from\": \"restyle.mask\"}]");
        assertEquals(List.of(
                "edge inputs.camera -> restyle.image: no workflow input 'camera'",
                "edge ghost.image -> up.image: no node 'ghost'",
                "node 'restyle', field 'depth': no such output; img2img gives image",
                "edge restyle.depth -> inputs.photo: an edge cannot feed a workflow input",
                "node 'up', field 'image': fed twice (from ghost.image and restyle.image); an input takes one edge",
                "node 'restyle', field 'mask': no such output; img2img gives image"), problems(json));
    }

    @Test
    void exposedParametersAreChecked() {
        String json = Workflows.chainWith("\"min\": 40, \"max\": 90}",
                "\"min\": 40, \"max\": 190}, {\"id\": \"size\", \"node\": \"up\", \"param\": \"factor\", \"min\": 2},"
                        + " {\"id\": \"what\", \"node\": \"up\", \"param\": \"colour\"},"
                        + " {\"id\": \"who\", \"node\": \"nobody\", \"param\": \"x\"},"
                        + " {\"id\": \"dflt\", \"node\": \"restyle\", \"param\": \"influence\", \"default\": 10,"
                        + " \"min\": 20}");
        assertEquals(List.of(
                "node 'restyle', field 'influence': exposed as 'keep': range 40..190 is outside the node field's"
                        + " 0..100",
                "node 'up', field 'factor': exposed as 'size': min and max apply to sliders only; 'factor' is not one",
                "node 'up', field 'colour': no such field to expose as 'what'; upscale has factor, preset",
                "parameter 'who': no node 'nobody'",
                "node 'restyle', field 'influence': exposed as 'dflt': default 10 is outside 20..100"),
                problems(json));
    }

    @Test
    void idsAndInputCountsAreChecked() {
        String json = Workflows.chainWith("\"id\": \"chain\"", "\"id\": \"Chain!\"")
                .replace("{\"id\": \"sel\", \"type\": \"mask\", \"optional\": true}",
                        "{\"id\": \"photo\", \"type\": \"image\"}")
                .replace("\"id\": \"up\"", "\"id\": \"inputs\"");
        List<String> p = problems(json);
        assertEquals("field 'id': must be lower-case words joined by '-', e.g. character-finish (got 'Chain!')",
                p.get(0));
        assertTrue(p.contains("input 'photo': duplicate id"), p.toString());
        assertTrue(p.contains("field 'inputs': format 1 takes exactly one image input and at most one mask input"
                + " (got 2 image, 0 mask)"), p.toString());
        assertTrue(p.contains("node 'inputs', field 'id': node ids are lower-case words joined by '-', and not"
                + " 'inputs'"), p.toString());
    }
}
