package dev.atelier.inference.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.RemotePanel;
import dev.atelier.core.client.Submission;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.engine.classical.CannyEdges;
import dev.atelier.inference.engine.classical.LanczosUpscaler;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real daemon on a real socket: greeting, panels, status, echo, jobs, and many clients at once. */
class DaemonServesClientsTest {

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

    @Test
    void socketFolderAndSocketArePrivate() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.socket().getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.socket())));
    }

    @Test
    void welcomeCarriesVersionAndPid() throws Exception {
        JsonObject w = fixture.client().welcome();
        assertEquals("atelier", w.get("daemon").getAsString());
        assertEquals(1, w.get("protocol").getAsInt());
        assertEquals(ProcessHandle.current().pid(), w.get("pid").getAsLong());
    }

    @Test
    void panelsSayWhichOperationsHaveAnEngine() throws Exception {
        Map<String, RemotePanel> panels = fixture.client().panels().stream()
                .collect(Collectors.toMap(p -> p.descriptor().operation().id(), p -> p));
        assertEquals(7, panels.size());
        assertTrue(panels.get("upscale").available());
        assertTrue(panels.get("detect").available());
        assertTrue(panels.get("retouch").available()); // the fake engine first, the classical fill behind it
        assertTrue(panels.get("expand").available()); // the classical fill
        RemotePanel cutout = panels.get("remove-background");
        assertFalse(cutout.available());
        assertEquals("Remove background needs an engine that is not installed yet",
                cutout.unavailableReason().orElseThrow());
    }

    @Test
    void statusListsEnginesAndQueue() throws Exception {
        JsonObject s = fixture.client().status();
        assertEquals(2, s.getAsJsonArray("engines").size());
        assertEquals("fake", s.getAsJsonArray("engines").get(0).getAsJsonObject().get("id").getAsString());
        assertEquals(0, s.getAsJsonObject("queue").get("running").getAsInt());
    }

    @Test
    void echoReturnsTheSameBytes() throws Exception {
        byte[] payload = new byte[3 << 20];
        new Random(7).nextBytes(payload);
        assertArrayEquals(payload, fixture.client().echo(payload));
    }

    @Test
    void upscaleMatchesTheEngineRunInProcess() throws Exception {
        Raster input = SeededImages.noise(11, 40, 30);
        OperationResult r = fixture.client().run(Submission.builder().setOperation("upscale").setImage(input)
                .optParam("factor", 2).build(), null);
        Raster expected = LanczosUpscaler.upscale(input, 2, 1, ProgressSink.none(), CancelToken.none());
        assertEquals(expected, r.image());
        assertEquals(80, r.canvasWidth());
        assertEquals(60, r.canvasHeight());
        assertEquals(List.of(), r.notices());
    }

    @Test
    void balancedUpscaleWithoutANeuralModelSaysItFellBack() throws Exception {
        OperationResult r = fixture.client().run(Submission.builder().setOperation("upscale")
                .setImage(SeededImages.gradient(8, 8)).optParam("preset", "balanced").build(), null);
        assertEquals(List.of("Balanced needs a neural upscaler; none is installed, so Precise (Lanczos) was used"),
                r.notices());
    }

    @Test
    void detectCannyMatchesTheEngineRunInProcess() throws Exception {
        Raster input = SeededImages.shapes(3, 64, 48);
        OperationResult r = fixture.client().run(Submission.builder().setOperation("detect").setImage(input)
                .optParam("mode", "canny").build(), null);
        assertEquals(CannyEdges.detect(input, CannyEdges.DEFAULT_SIGMA, 25, 50, CancelToken.none()), r.image());
    }

    @Test
    void progressIsStreamedAndEndsAtOne() throws Exception {
        List<Double> fractions = new java.util.concurrent.CopyOnWriteArrayList<>();
        fixture.client().run(Submission.builder().setOperation("upscale").setImage(SeededImages.noise(1, 600, 500))
                .optParam("factor", 4).build(), (f, m, p) -> fractions.add(f));
        assertFalse(fractions.isEmpty());
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress went backwards: " + fractions);
        }
    }

    @Test
    void eightClientsWithTwentyFiveJobsEachGetTheirOwnResults() throws Exception {
        int clients = 8;
        int jobsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    DaemonClient dc = fixture.client();
                    List<dev.atelier.core.client.JobHandle> handles = new ArrayList<>();
                    List<Raster> inputs = new ArrayList<>();
                    for (int j = 0; j < jobsEach; j++) {
                        Raster in = SeededImages.noise(1000L * client + j, 12 + client, 9 + j % 5);
                        inputs.add(in);
                        handles.add(dc.submit(Submission.builder().setOperation("upscale").setImage(in)
                                .optParam("factor", 2).build(), null));
                    }
                    for (int j = 0; j < jobsEach; j++) {
                        Raster expected = LanczosUpscaler.upscale(inputs.get(j), 2, 1, ProgressSink.none(),
                                CancelToken.none());
                        assertEquals(expected, handles.get(j).await().image(), "client " + client + " job " + j);
                    }
                    return jobsEach;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            assertEquals(clients * jobsEach, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
