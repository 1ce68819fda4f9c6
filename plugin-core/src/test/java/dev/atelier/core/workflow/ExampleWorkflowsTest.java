package dev.atelier.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The workflows shipped in examples/workflows are valid, round-trip, and publish the Apps the docs describe. */
class ExampleWorkflowsTest {

    private static final Path DIR = Path.of("..", "examples", "workflows");

    private static CheckedWorkflow read(String name) throws Exception {
        return WorkflowChecker.check(WorkflowJson.parse(Files.readString(DIR.resolve(name + ".json")), name));
    }

    @Test
    void shipsTheThreeExamples() throws Exception {
        try (Stream<Path> files = Files.list(DIR)) {
            assertEquals(List.of("batch-upscale.json", "character-finish.json", "prep-for-3d.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void characterFinishChainsFourSteps() throws Exception {
        CheckedWorkflow w = read("character-finish");
        assertEquals(List.of("restyle", "retouch", "expand", "upscale"),
                w.order().stream().map(WorkflowNode::id).toList());
        assertEquals(List.of("image", "mask", "prompt", "keep", "margin", "preset"),
                AppPanels.panel(w).descriptor().fieldIds());
        assertEquals(4, w.requests(java.util.Map.of()).size());
    }

    @Test
    void prepForThreeDFansOutTwoOutputs() throws Exception {
        CheckedWorkflow w = read("prep-for-3d");
        assertEquals(List.of("cutout", "prep"), w.order().stream().map(WorkflowNode::id).toList());
        assertEquals(List.of("view", "mask"), w.workflow().outputs().stream().map(WorkflowOutput::id).toList());
    }

    @Test
    void everyExampleRoundTrips() throws Exception {
        for (String name : List.of("batch-upscale", "character-finish", "prep-for-3d")) {
            Workflow w = read(name).workflow();
            assertEquals(w, WorkflowJson.parse(WorkflowJson.write(w), name), name);
        }
    }
}
