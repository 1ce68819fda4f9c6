package dev.atelier.host.gimp.bench;

import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.host.HostBenchmark;
import dev.atelier.core.host.InstallOptions;
import dev.atelier.host.gimp.install.GimpInstaller;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What one Atelier call costs inside GIMP, which starts a new plug-in process for every call. Times, in one
 * run, headless GIMP batches that make a 64×48 image and then (a) quit, (b) make {@value #CALLS} calls of a tiny C
 * plug-in (guillotine, which does nothing without guides: the cost of "an empty plug-in call"), (c) make
 * {@value #CALLS} Atelier Detect calls. Per call = (batch − empty batch) / calls; the figure that matters is
 * Atelier's per call minus the empty plug-in's (goal ≤ 0.5 s).
 */
public final class GimpCallBenchmark implements HostBenchmark {

    static final int CALLS = 10;

    @Override
    public String host() {
        return "gimp";
    }

    @Override
    public void run(PrintStream out, int runs, InstallOptions options) throws IOException, InterruptedException {
        out.println();
        out.println("GIMP: cost of one plug-in call (GIMP starts a plug-in process per call)");
        if (!onPath("gimp")) {
            out.println("  skipped: GIMP is not installed (apt-get install gimp)");
            return;
        }
        Path dir = Files.createTempDirectory("atelier-gimp-bench");
        Path config = dir.resolve("config");
        Path socket = dir.resolve("run/atelier.sock");
        new GimpInstaller().install(new InstallOptions(Optional.of(config.resolve("GIMP/2.10")),
                options.daemonCommand(), options.home()));
        try {
            String make = "(let* ((image (car (gimp-image-new 64 48 RGB)))"
                    + " (layer (car (gimp-layer-new image 64 48 RGBA-IMAGE \"base\" 100 LAYER-MODE-NORMAL))))"
                    + " (gimp-image-insert-layer image layer 0 -1) (gimp-drawable-fill layer FILL-WHITE) ";
            String empty = make + "(gimp-quit 0))";
            String cPlugin = make + repeat("(plug-in-guillotine RUN-NONINTERACTIVE image layer)") + "(gimp-quit 0))";
            String atelier = make + repeat("(plug-in-atelier-detect RUN-NONINTERACTIVE image layer \"canny\" 100 200 1.0)")
                    + "(gimp-quit 0))";
            batch(dir, config, socket, atelier); // warm-up: GIMP queries the new plug-in, the daemon starts
            double[] e = new double[runs];
            double[] c = new double[runs];
            double[] a = new double[runs];
            for (int i = 0; i < runs; i++) {
                e[i] = batch(dir, config, socket, empty);
                c[i] = batch(dir, config, socket, cPlugin);
                a[i] = batch(dir, config, socket, atelier);
            }
            double base = median(e);
            double perC = (median(c) - base) / CALLS;
            double perA = (median(a) - base) / CALLS;
            out.printf("  empty batch (make an image, quit)          %6.2f s (median of %d)%n", base, runs);
            out.printf("  empty C plug-in call (guillotine)          %6.3f s per call%n", perC);
            out.printf("  Atelier Detect call (64x48, via daemon)    %6.3f s per call%n", perA);
            out.printf("  added per call over an empty plug-in call  %6.3f s   goal <= 0.5 s: %s%n", perA - perC,
                    perA - perC <= 0.5 ? "met" : "NOT met");
        } finally {
            stopDaemon(socket);
        }
    }

    private static String repeat(String call) {
        return "(let loop ((i 0)) (if (< i " + CALLS + ") (begin " + call + " (loop (+ i 1))))) ";
    }

    /** Runs one headless GIMP batch and returns its wall time in seconds (GIMP's exit code is always 0). */
    private static double batch(Path dir, Path config, Path socket, String script)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("gimp", "-i", "-b", script)
                .redirectErrorStream(true).redirectOutput(dir.resolve("gimp.log").toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("XDG_CONFIG_HOME", config.toString());
        pb.environment().put("ATELIER_SOCKET", socket.toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("GIMP did not finish; see " + dir.resolve("gimp.log"));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void stopDaemon(Path socket) {
        try (DaemonClient c = DaemonClient.connect(ClientOptions.builder().setSocket(socket).build())) {
            c.shutdown();
        } catch (AtelierException e) {
            // Not running: nothing to stop.
        }
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

}
