package dev.atelier.inference.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineRegistry;
import dev.atelier.inference.engine.JobInput;
import dev.atelier.inference.testing.FakeEngineProvider;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/** The queue on its own (no sockets): listener events, cancellation, storage and counts. */
class JobQueueTest {

    @TempDir
    Path dir;

    private final FakeEngineProvider fake = new FakeEngineProvider();
    private JobQueue queue;

    @BeforeEach
    void start() throws Exception {
        EngineRegistry engines = EngineRegistry.ofProviders(new EngineContext(dir, 1), fake);
        queue = new JobQueue(engines, new ResultStore(dir.resolve("results"), Duration.ofHours(1),
                Clock.systemUTC()), 1);
    }

    @AfterEach
    void stop() {
        fake.engine().allowAll();
        queue.close();
    }

    private static RetouchRequest retouch(int steps) {
        return new RetouchRequest(new Generation("", "", steps, 7, 1, 1), 8, 16);
    }

    private static JobInput masked(Raster image) {
        return new JobInput(image, Optional.of(Mask.filled(image.width(), image.height(), 255)));
    }

    @Test
    void listenerHearsEveryStepThenTheResultOnce() throws Exception {
        JobListener listener = mock(JobListener.class);
        Raster image = SeededImages.noise(1, 6, 6);
        fake.engine().allowAll();
        Job job = queue.submit(retouch(3), masked(image), 0, listener);
        InOrder order = inOrder(listener);
        order.verify(listener, timeout(5000)).onProgress(eq(job), eq(1.0 / 3), eq("step 1/3"), any());
        order.verify(listener, timeout(5000)).onProgress(eq(job), eq(2.0 / 3), eq("step 2/3"), any());
        order.verify(listener, timeout(5000)).onProgress(eq(job), eq(1.0), eq("step 3/3"), any());
        order.verify(listener, timeout(5000)).onResult(eq(job), any(OperationResult.class));
        verify(listener, never()).onFailure(any(), any());
        assertEquals(JobState.DONE, job.state());
        assertEquals(image.width(), queue.store().get(job.id()).orElseThrow().image().width());
        assertEquals(1, queue.counts().done());
    }

    @Test
    void aListenerAddedAfterTheEndIsToldAtOnce() throws Exception {
        fake.engine().allowAll();
        Job job = queue.submit(new Img2ImgRequest(new Generation("", "", 1, 7, 1, 1), 50),
                JobInput.of(SeededImages.gradient(4, 4)), 0, null);
        JobListener first = mock(JobListener.class);
        job.addListener(first);
        verify(first, timeout(5000)).onResult(eq(job), any());
        JobListener late = mock(JobListener.class);
        job.addListener(late);
        verify(late).onResult(eq(job), any()); // synchronously, no timeout needed
    }

    @Test
    void cancellingARunningJobFailsItWithCancelled() throws Exception {
        JobListener listener = mock(JobListener.class);
        Job job = queue.submit(retouch(2), masked(SeededImages.gradient(4, 4)), 0, listener);
        assertEquals("1", fake.engine().started().poll(5, TimeUnit.SECONDS));
        assertEquals(true, queue.cancel(job.id()));
        verify(listener, timeout(5000)).onFailure(eq(job), argThat(e -> e.code() == ErrorCode.CANCELLED));
        verify(listener, after(50).never()).onResult(any(), any());
        assertEquals(JobState.CANCELLED, job.state());
        assertEquals(1, queue.counts().cancelled());
    }

    @Test
    void operationsWithoutAnEngineAreRefusedBeforeQueueing() {
        AtelierException e = assertThrows(AtelierException.class, () -> queue.submit(
                new dev.atelier.core.operation.UpscaleRequest(2, dev.atelier.core.operation.UpscalePreset.PRECISE),
                JobInput.of(SeededImages.gradient(4, 4)), 0, null));
        assertEquals(ErrorCode.OPERATION_UNAVAILABLE, e.code());
        assertEquals(0, queue.counts().queued());
    }

    @Test
    void releaseForgetsTheJobAndItsStoredResult() throws Exception {
        fake.engine().allowAll();
        JobListener listener = mock(JobListener.class);
        Job job = queue.submit(retouch(1), masked(SeededImages.gradient(4, 4)), 0, listener);
        verify(listener, timeout(5000)).onResult(eq(job), any());
        queue.release(job.id());
        assertEquals(Optional.empty(), queue.get(job.id()));
        assertEquals(Optional.empty(), queue.store().get(job.id()));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"crash:linkage", "crash:runtime"})
    void anEngineCrashFailsOnlyThatJob(String prompt) throws Exception {
        JobListener crashed = mock(JobListener.class);
        Job bad = queue.submit(new Img2ImgRequest(new Generation(prompt, "", 1, 7, 1, 1), 50),
                JobInput.of(SeededImages.gradient(4, 4)), 0, crashed);
        verify(crashed, timeout(5000)).onFailure(eq(bad), argThat(e -> e.code() == ErrorCode.ENGINE_FAILURE
                && e.getMessage().startsWith("Engine failed: java.lang.")));
        JobListener next = mock(JobListener.class);
        Job good = queue.submit(new Img2ImgRequest(new Generation("fine", "", 1, 7, 1, 1), 50),
                JobInput.of(SeededImages.gradient(4, 4)), 0, next);
        verify(next, timeout(5000)).onResult(eq(good), any()); // the heavy lane's only worker survived
    }
}
