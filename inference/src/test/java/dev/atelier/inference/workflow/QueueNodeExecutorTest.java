package dev.atelier.inference.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.ClassicalEngineProvider;
import dev.atelier.inference.job.JobQueue;
import dev.atelier.inference.job.ResultStore;
import dev.atelier.inference.testing.FakeEngineProvider;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes as real jobs on a real queue: the classical engine's answers, and cancel reaching the running job. */
class QueueNodeExecutorTest {

    @TempDir
    Path dir;

    private JobQueue queue(EngineRegistry engines) throws java.io.IOException {
        return new JobQueue(engines, new ResultStore(dir.resolve("results"), Duration.ofHours(1),
                Clock.systemUTC()), 1);
    }

    @Test
    void aWorkflowOnTheClassicalEngineEqualsItsStepsRunAlone() throws Exception {
        Raster image = SeededImages.noise(3, 24, 16);
        try (EngineRegistry engines = EngineRegistry.of(new EngineContext(dir, 1), ClassicalEngineProvider.class);
                JobQueue queue = queue(engines)) {
            CheckedWorkflow w = WorkflowRunTest.checked("""
                    {"format": 1, "id": "two-up", "title": "Two up", "inputs": [{"id": "image", "type": "image"}],
                     "nodes": [{"id": "a", "operation": "upscale", "params": {"preset": "precise"}},
                               {"id": "b", "operation": "upscale", "params": {"preset": "precise"}}],
                     "edges": [{"from": "inputs.image", "to": "a.image"}, {"from": "a.image", "to": "b.image"}],
                     "outputs": [{"id": "out", "from": "b.image"}]}
                    """);
            WorkflowResult r = new WorkflowRun(w, w.requests(Map.of()), image, Optional.empty())
                    .run(new QueueNodeExecutor(queue, 0), ProgressSink.none(), CancelToken.none());
            EngineRegistry.Route route = engines.route(new UpscaleRequest(2, UpscalePreset.PRECISE));
            UpscaleRequest up = new UpscaleRequest(2, UpscalePreset.PRECISE);
            Raster once = route.engine().run(up, JobInput.of(image), ProgressSink.none(), CancelToken.none()).image();
            Raster twice = route.engine().run(up, JobInput.of(once), ProgressSink.none(), CancelToken.none()).image();
            assertEquals(twice, r.outputs().get("out"));
            assertEquals(0, queue.counts().running());
        }
    }

    @Test
    void cancellingTheWorkflowCancelsTheNodesJob() throws Exception {
        FakeEngineProvider fake = new FakeEngineProvider(); // holds each step until allowed
        try (EngineRegistry engines = EngineRegistry.ofProviders(new EngineContext(dir, 1), fake);
                JobQueue queue = queue(engines)) {
            Raster image = SeededImages.noise(1, 6, 6);
            CancelToken cancel = new CancelToken();
            QueueNodeExecutor exec = new QueueNodeExecutor(queue, 0);
            CompletableFuture<OperationResult> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return exec.execute(new RetouchRequest(new Generation("", "", 50, 7, 1, 1), 8, 16),
                            new JobInput(image, Optional.of(dev.atelier.core.image.Mask.filled(6, 6, 255))),
                            ProgressSink.none(), cancel);
                } catch (AtelierException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertTrue(fake.engine().started().poll(5, TimeUnit.SECONDS) != null);
            cancel.cancel(); // the job is held at its first step: only the cancel can end it
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> run.get(5, TimeUnit.SECONDS));
            assertEquals(ErrorCode.CANCELLED, ((AtelierException) e.getCause()).code());
            fake.engine().allowAll();
            for (int i = 0; i < 100 && queue.counts().cancelled() == 0; i++) {
                Thread.sleep(50);
            }
            assertEquals(1, queue.counts().cancelled()); // the job itself was cancelled, not left running
        }
    }
}
