package dev.atelier.inference.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.JobHandle;
import dev.atelier.core.client.PanelListing;
import dev.atelier.core.client.RemotePanel;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.ResultImages;
import dev.atelier.core.panel.Field;
import dev.atelier.inference.job.JobState;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.inference.workflow.WorkflowFolders;
import dev.atelier.testkit.AppWorkflows;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apps through a real daemon: workflows defined only by files in a studio folder (read-only) and a user folder are
 * listed after the built-ins, run end to end as one job whose nodes are jobs on the classical and fake engines, and
 * can be cancelled; broken files are listed with their errors while the others work.
 */
class DaemonAppsTest {

    /** Upscale (Precise) then an edge map: both on the classical engine; factor and low threshold exposed. */
    static final String EDGES = AppWorkflows.EDGES;

    /** Retouch (the fake engine, which waits for permits per step) then upscale; needs a mask. */
    static final String SLOW = """
            {"format": 1, "id": "slow-fix", "title": "Slow fix",
             "inputs": [{"id": "image", "type": "image"}, {"id": "sel", "type": "mask"}],
             "nodes": [
               {"id": "fix", "operation": "retouch", "params": {"steps": 5, "seed": 41}},
               {"id": "up", "operation": "upscale", "params": {"factor": "2", "preset": "precise"}}],
             "edges": [{"from": "inputs.image", "to": "fix.image"}, {"from": "inputs.sel", "to": "fix.mask"},
                       {"from": "fix.image", "to": "up.image"}],
             "parameters": [{"id": "seed", "node": "fix", "param": "seed"}],
             "outputs": [{"id": "out", "from": "up.image"}]}
            """;

    @TempDir
    Path dir;

    private Path studio;
    private Path user;
    private DaemonFixture fixture;

    @BeforeEach
    void start() throws Exception {
        studio = Files.createDirectories(dir.resolve("studio"));
        user = dir.resolve("user"); // not made yet: a missing user folder is simply empty
        Files.writeString(studio.resolve("edges.json"), EDGES);
        Files.writeString(studio.resolve("slow.json"), SLOW);
        Files.writeString(studio.resolve("broken.json"), EDGES.replace("\"detect\"", "\"sharpen\"")
                .replace("edges-2x", "broken-one"));
        Files.writeString(studio.resolve("notes.txt"), "not a workflow");
        Files.setPosixFilePermissions(studio, PosixFilePermissions.fromString("r-xr-xr-x")); // shared, read-only
        fixture = new DaemonFixture(dir.resolve("d"), b -> b.optWorkflows(new WorkflowFolders(user, List.of(studio))));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        Files.setPosixFilePermissions(studio, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void appsFollowTheBuiltInsWithTheirFieldsAndBrokenFilesAreListed() throws Exception {
        PanelListing listing = fixture.client().listing();
        List<String> ids = listing.panels().stream().map(p -> p.descriptor().id()).toList();
        assertEquals(List.of("img2img", "retouch", "expand", "upscale", "remove-background", "detect", "prep-3d",
                "edges-2x", "slow-fix"), ids);
        RemotePanel app = listing.panels().get(7);
        assertEquals("Edges 2x", app.descriptor().title());
        assertEquals(Operation.WORKFLOW, app.descriptor().operation());
        assertTrue(app.available());
        assertEquals(List.of("image", "factor", "low"), app.descriptor().fields().stream().map(Field::id).toList());
        assertEquals("Edge threshold", app.descriptor().fields().get(2).label());
        assertEquals(List.of("image", "mask", "seed"),
                listing.panels().get(8).descriptor().fields().stream().map(Field::id).toList());

        assertEquals(1, listing.brokenWorkflows().size(), listing.brokenWorkflows().toString());
        PanelListing.BrokenWorkflow broken = listing.brokenWorkflows().get(0);
        assertTrue(broken.file().endsWith("broken.json"), broken.file());
        assertTrue(broken.error().contains("sharpen") && broken.error().contains("edges"), broken.error());
    }

    @Test
    void aFileDroppedInTheUserFolderAppearsWithoutRestartAndWinsOverTheStudio() throws Exception {
        DaemonClient client = fixture.client();
        Files.createDirectories(user);
        Files.writeString(user.resolve("mine.json"), EDGES.replace("Edges 2x", "My edges"));
        PanelListing listing = client.listing();
        RemotePanel app = listing.panels().stream().filter(p -> p.descriptor().id().equals("edges-2x"))
                .findFirst().orElseThrow();
        assertEquals("My edges", app.descriptor().title());
        assertTrue(listing.brokenWorkflows().stream().anyMatch(b -> b.file().endsWith("edges.json")
                && b.error().contains("shadowed")), listing.brokenWorkflows().toString());
    }

    @Test
    void anAppRunsEndToEndAsOneJobGivingWhatItsNodesGiveInTurn() throws Exception {
        DaemonClient client = fixture.client();
        Raster in = SeededImages.gradient(24, 16);
        List<String> messages = new CopyOnWriteArrayList<>();
        List<Double> fractions = new CopyOnWriteArrayList<>();
        JobHandle job = client.submit(Submission.builder().setOperation("edges-2x").setImage(in)
                .optParam("factor", "2").optParam("low", 40).build(), (f, m, p) -> {
                    fractions.add(f);
                    messages.add(m);
                });
        OperationResult app = job.await();

        // The same two steps by hand, as a host would run them one after the other.
        OperationResult up = client.submit(Submission.builder().setOperation("upscale").setImage(in)
                .optParam("factor", "2").optParam("preset", "precise").build(), null).await();
        Raster upscaled = ResultImages.flatten(in, up);
        OperationResult edges = client.submit(Submission.builder().setOperation("detect").setImage(upscaled)
                .optParam("mode", "canny").optParam("low", 40).optParam("high", 200).build(), null).await();
        Raster expected = ResultImages.flatten(upscaled, edges);

        assertEquals(48, app.image().width());
        assertEquals(32, app.image().height());
        assertEquals(0, app.x());
        assertEquals(0, app.y());
        assertEquals(48, app.canvasWidth());
        assertArrayEquals(expected.toByteArray(), app.image().toByteArray());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("up (1/2)")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("edges (2/2)")), messages.toString());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress went back: " + fractions);
        }
        // A job counts as done a moment after its result reached the client; wait for the last one.
        long until = System.nanoTime() + 5_000_000_000L;
        while (fixture.daemon().queue().counts().done() < 5 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(5, fixture.daemon().queue().counts().done(), "the App job, its two nodes, two by hand");
    }

    @Test
    void cancellingAnAppCancelsTheNodeRunningNow() throws Exception {
        DaemonClient client = fixture.client();
        Raster in = SeededImages.gradient(8, 8);
        JobHandle job = client.submit(Submission.builder().setOperation("slow-fix").setImage(in)
                .optMask(Mask.filled(8, 8, 255)).optParam("seed", 77).build(), null);
        assertEquals("77", fixture.fake().started().poll(10, TimeUnit.SECONDS)); // the exposed seed reached the node
        job.cancel();
        AtelierException e = assertThrows(AtelierException.class, job::await);
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals(JobState.CANCELLED, fixture.daemon().queue().get(job.id()).orElseThrow().state());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fixture.daemon().queue().counts().running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, fixture.daemon().queue().counts().running(), "the node job was left running");
        assertTrue(fixture.daemon().queue().counts().cancelled() >= 2, "app and node both cancelled");
    }

    @Test
    void anAppNeedingAMaskRefusesASubmitWithoutOne() throws Exception {
        AtelierException e = assertThrows(AtelierException.class, () -> fixture.client().submit(Submission.builder()
                .setOperation("slow-fix").setImage(SeededImages.gradient(8, 8)).build(), null));
        assertEquals(ErrorCode.MASK_REQUIRED, e.code());
    }

    @Test
    void badAppValuesAndUnknownIdsAreRequestErrors() throws Exception {
        DaemonClient client = fixture.client();
        AtelierException range = assertThrows(AtelierException.class, () -> client.submit(Submission.builder()
                .setOperation("edges-2x").setImage(SeededImages.gradient(8, 8)).optParam("low", 200).build(), null));
        assertEquals(ErrorCode.INVALID_PARAMETERS, range.code());
        assertTrue(range.getMessage().contains("low"), range.getMessage());
        AtelierException unknown = assertThrows(AtelierException.class, () -> client.submit(Submission.builder()
                .setOperation("broken-one").setImage(SeededImages.gradient(8, 8)).build(), null));
        assertEquals(ErrorCode.UNKNOWN_OPERATION, unknown.code());
        assertTrue(unknown.getMessage().contains("edges-2x"), unknown.getMessage());
        AtelierException bare = assertThrows(AtelierException.class, () -> client.submit(Submission.builder()
                .setOperation("workflow").setImage(SeededImages.gradient(8, 8)).build(), null));
        assertEquals(ErrorCode.UNKNOWN_OPERATION, bare.code());
        assertTrue(bare.getMessage().endsWith("known: img2img, retouch, expand, upscale, remove-background, "
                + "detect, prep-3d; Apps: edges-2x, slow-fix"), bare.getMessage());
    }
}
