package dev.atelier.inference.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.inference.workflow.WorkflowFolders;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An App's steps meet the daemon's output limit like a host's own submits: a chain of upscales is stopped. */
class DaemonAppLimitsTest {

    static final String TWICE = """
            {"format": 1, "id": "up-twice", "title": "Up twice",
             "inputs": [{"id": "image", "type": "image"}],
             "nodes": [
               {"id": "up1", "operation": "upscale", "params": {"factor": "2", "preset": "precise"}},
               {"id": "up2", "operation": "upscale", "params": {"factor": "2", "preset": "precise"}}],
             "edges": [{"from": "inputs.image", "to": "up1.image"}, {"from": "up1.image", "to": "up2.image"}],
             "parameters": [{"id": "factor", "node": "up2", "param": "factor"}],
             "outputs": [{"id": "out", "from": "up2.image"}]}
            """;

    @TempDir
    Path dir;

    @Test
    void aStepAboveTheOutputLimitFailsTheAppNamingTheStep() throws Exception {
        Path studio = Files.createDirectories(dir.resolve("studio"));
        Files.writeString(studio.resolve("twice.json"), TWICE);
        try (DaemonFixture fixture = new DaemonFixture(dir.resolve("d"), b -> b.optMaxOutputPixels(10_000)
                .optWorkflows(new WorkflowFolders(dir.resolve("user"), List.of(studio))))) {
            DaemonClient client = fixture.client();
            AtelierException e = assertThrows(AtelierException.class, () -> client.submit(Submission.builder()
                    .setOperation("up-twice").setImage(SeededImages.noise(5, 40, 40)).build(), null).await());
            assertEquals(ErrorCode.IMAGE_TOO_LARGE, e.code());
            assertEquals("node 'up2' (upscale) failed: Upscale of 80x80 would make 160x160 (25600 pixels), above the"
                    + " output limit of 10000", e.getMessage());
        }
    }
}
