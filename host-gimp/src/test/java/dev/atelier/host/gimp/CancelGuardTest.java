package dev.atelier.host.gimp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.core.client.JobHandle;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.inference.testing.DaemonFixture;
import dev.atelier.testkit.SeededImages;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIMP's Cancel button SIGKILLs the plug-in, so no JVM hook runs: the watchdog process notices the plug-in is gone
 * and cancels its daemon job. Here a short-lived process stands in for the killed plug-in.
 */
class CancelGuardTest {

    @TempDir
    Path dir;

    @Test
    void watchdogCancelsTheJobWhenThePluginProcessDies() throws Exception {
        try (DaemonFixture daemon = new DaemonFixture(dir)) {
            JobHandle job = daemon.client().submit(Submission.builder().setOperation("retouch")
                    .setImage(SeededImages.gradient(8, 8)).optMask(Mask.filled(8, 8, 255))
                    .optParam("steps", 50).build(), null); // the fake engine holds it running: no permits
            daemon.fake().started().poll(10, TimeUnit.SECONDS);
            Process plugin = new ProcessBuilder("sleep", "0.5").start();
            Process watchdog = new ProcessBuilder(CancelGuard.watchdogCommand(plugin.pid(), CancelGuard.javaCommand(),
                    System.getProperty("java.class.path"), daemon.socket(), job.id())).inheritIO().start();
            plugin.waitFor();
            assertEquals(true, watchdog.waitFor(30, TimeUnit.SECONDS), "watchdog did not finish");
            assertEquals(0, watchdog.exitValue());
            AtelierException e = assertThrows(AtelierException.class, job::await);
            assertEquals(ErrorCode.CANCELLED, e.code());
        }
    }
}
