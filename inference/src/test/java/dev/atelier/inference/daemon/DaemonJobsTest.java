package dev.atelier.inference.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.JobHandle;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.inference.job.JobState;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.inference.testing.FakeEngine;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job lifecycle through the daemon: cancel, priorities, disconnects and fetching results by id. */
class DaemonJobsTest {

    @TempDir
    Path dir;

    private DaemonFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new DaemonFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** A retouch on the fake engine: holds the heavy lane for {@code steps} permits; the seed names it. */
    private static Submission retouch(Raster image, int seed, int steps, int priority) {
        return Submission.builder().setOperation("retouch").setImage(image)
                .optMask(Mask.filled(image.width(), image.height(), 255))
                .optParam("seed", seed).optParam("steps", steps).optPriority(priority).build();
    }

    private String nextStarted() throws InterruptedException {
        String seed = fixture.fake().started().poll(10, TimeUnit.SECONDS);
        if (seed == null) {
            throw new AssertionError("no job started within 10 s");
        }
        return seed;
    }

    @Test
    void cancellingARunningJobEndsItAsCancelled() throws Exception {
        DaemonClient client = fixture.client();
        JobHandle job = client.submit(retouch(SeededImages.gradient(8, 8), 1, 5, 0), null);
        assertEquals("1", nextStarted());
        job.cancel();
        AtelierException e = assertThrows(AtelierException.class, job::await);
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals(JobState.CANCELLED, fixture.daemon().queue().get(job.id()).orElseThrow().state());
    }

    @Test
    void cancellingAQueuedJobNeverRunsIt() throws Exception {
        DaemonClient client = fixture.client();
        JobHandle first = client.submit(retouch(SeededImages.gradient(8, 8), 1, 1, 0), null);
        assertEquals("1", nextStarted());
        JobHandle second = client.submit(retouch(SeededImages.gradient(8, 8), 2, 1, 0), null);
        second.cancel();
        AtelierException e = assertThrows(AtelierException.class, second::await);
        assertEquals(ErrorCode.CANCELLED, e.code());
        fixture.fake().allow(1);
        first.await();
        assertEquals(null, fixture.fake().started().poll(50, TimeUnit.MILLISECONDS), "cancelled job ran");
    }

    @Test
    void higherPriorityQueuedJobRunsFirst() throws Exception {
        DaemonClient client = fixture.client();
        Raster img = SeededImages.gradient(8, 8);
        JobHandle blocker = client.submit(retouch(img, 1, 1, 0), null);
        assertEquals("1", nextStarted());
        JobHandle low = client.submit(retouch(img, 2, 1, 0), null);
        JobHandle high = client.submit(retouch(img, 3, 1, 10), null);
        fixture.fake().allowAll();
        assertEquals("3", nextStarted());
        assertEquals("2", nextStarted());
        blocker.await();
        low.await();
        high.await();
    }

    @Test
    void resultSurvivesTheSubmittingClientDisconnecting() throws Exception {
        Raster img = SeededImages.noise(5, 16, 16);
        DaemonClient first = fixture.client();
        String id = first.submit(retouch(img, 1, 2, 0), null).id();
        assertEquals("1", nextStarted());
        first.close(); // the host crashed mid-job
        fixture.fake().allowAll();
        DaemonClient second = fixture.client();
        assertEquals(FakeEngine.invert(img), second.fetch(id, null).image());
    }

    @Test
    void fetchedResultIsReleasedFromDisk() throws Exception {
        Raster img = SeededImages.noise(5, 16, 16);
        fixture.fake().allowAll();
        DaemonClient client = fixture.client();
        JobHandle job = client.submit(retouch(img, 1, 1, 0), null);
        Path stored = fixture.daemon().queue().store().dir().resolve(job.id() + ".rgba");
        job.await();
        // RELEASE is fire-and-forget; a STATUS round trip after it proves the daemon has processed it.
        client.status();
        assertFalse(Files.exists(stored), "result still on disk after the client had it");
    }

    @Test
    void unknownJobIsAClearError() throws Exception {
        AtelierException e = assertThrows(AtelierException.class, () -> fixture.client().fetch("j-000000", null));
        assertEquals(ErrorCode.UNKNOWN_JOB, e.code());
        assertTrue(e.getMessage().startsWith("Unknown job 'j-000000'"), e.getMessage());
    }

    @Test
    void cancelOfAnUnknownJobIsAClearError() throws Exception {
        AtelierException e = assertThrows(AtelierException.class, () -> fixture.client().cancel("j-nope"));
        assertEquals(ErrorCode.UNKNOWN_JOB, e.code());
    }

    @Test
    void progressCarriesPreviewImagesToTheHost() throws Exception {
        fixture.fake().allowAll();
        java.util.List<Raster> previews = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        fixture.client().run(retouch(SeededImages.gradient(8, 8), 1, 3, 0), (f, m, p) -> {
            messages.add(m);
            if (p != null) {
                previews.add(p);
            }
        });
        assertEquals(java.util.List.of("step 1/3", "step 2/3", "step 3/3"), messages);
        assertEquals(3, previews.size());
        assertEquals(Raster.filled(4, 4, 0x336699ff), previews.get(2));
    }
}
