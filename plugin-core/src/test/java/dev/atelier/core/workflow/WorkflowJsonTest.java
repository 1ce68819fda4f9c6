package dev.atelier.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowJsonTest {

    @Test
    void readsEveryPart() throws Exception {
        Workflow w = WorkflowJson.parse(Workflows.CHAIN, "chain.json");
        assertEquals("chain", w.id());
        assertEquals(List.of(new WorkflowInput("photo", PortType.IMAGE, false),
                new WorkflowInput("sel", PortType.MASK, true)), w.inputs());
        assertEquals(List.of("up", "restyle"), w.nodes().stream().map(WorkflowNode::id).toList());
        assertEquals(new JsonPrimitive(70), w.node("restyle").orElseThrow().params().get("influence"));
        assertEquals(new Edge(new Endpoint("inputs", "photo"), new Endpoint("restyle", "image")), w.edges().get(0));
        assertTrue(w.edges().get(0).from().isWorkflowInput());
        ExposedParameter keep = w.parameters().get(0);
        assertEquals(40.0, keep.min().getAsDouble());
        assertEquals(90.0, keep.max().getAsDouble());
        assertTrue(keep.defaultValue().isEmpty());
        assertEquals(List.of(new WorkflowOutput("result", new Endpoint("up", "image"))), w.outputs());
    }

    @Test
    void roundTripsThroughItsCanonicalForm() throws Exception {
        Workflow w = WorkflowJson.parse(Workflows.CHAIN, "chain.json");
        String written = WorkflowJson.write(w);
        assertEquals(w, WorkflowJson.parse(written, "again"));
        assertEquals(written, WorkflowJson.write(WorkflowJson.parse(written, "again")));
    }

    @Test
    void aBareNodeNameMeansItsImagePort() {
        assertEquals(new Endpoint("up", "image"), Endpoint.parse("up"));
        assertEquals("'up.' is not node.port or inputs.name",
                assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("up.")).getMessage());
    }

    @Test
    void rejectsAnotherFormatNumber() {
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> WorkflowJson.parse(Workflows.chainWith("\"format\": 1", "\"format\": 2"), "chain.json"));
        assertEquals("workflow 'chain': field 'format': unsupported format 2; this Atelier reads format 1",
                e.getMessage());
    }

    @Test
    void rejectsAMissingFormat() {
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> WorkflowJson.parse(Workflows.chainWith("\"format\": 1,", ""), "chain.json"));
        assertEquals("field 'format': missing; write \"format\": 1", e.problems().get(0).toString());
    }

    @Test
    void namesTheFileWhenTheJsonIsBroken() {
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> WorkflowJson.parse("{\"format\": 1, \"nodes\": [", "broken.json"));
        assertEquals("broken.json", e.workflow());
        assertTrue(e.getMessage().startsWith("workflow 'broken.json': not valid JSON: "), e.getMessage());
        assertEquals("workflow 'x.json': must be a JSON object",
                assertThrows(WorkflowException.class, () -> WorkflowJson.parse("[]", "x.json")).getMessage());
    }

    @Test
    void reportsEveryShapeProblemAtOnceWithItsNode() {
        String json = Workflows.chainWith("\"params\": {\"factor\": \"2\"}", "\"parms\": {}")
                .replace("\"operation\": \"img2img\"", "\"operation\": 7")
                .replace("\"type\": \"mask\"", "\"type\": \"depth\"");
        WorkflowException e = assertThrows(WorkflowException.class, () -> WorkflowJson.parse(json, "c.json"));
        assertEquals(List.of(
                "input 'sel': type must be image or mask (got 'depth')",
                "node 'up', field 'parms': unknown key; known keys: id, operation, params",
                "node 'restyle', field 'operation': must be a string (got 7)"),
                e.problems().stream().map(WorkflowProblem::toString).toList());
    }

    @Test
    void requiresNodesInputsAndOutputs() {
        WorkflowException e = assertThrows(WorkflowException.class,
                () -> WorkflowJson.parse("{\"format\": 1, \"id\": \"x\"}", "x.json"));
        assertEquals("workflow 'x': field 'inputs': missing; it must be a list; field 'nodes': missing; it must be a"
                + " list; field 'outputs': missing; it must be a list", e.getMessage());
    }
}
