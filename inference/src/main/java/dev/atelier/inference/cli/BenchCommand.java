package dev.atelier.inference.cli;

import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.host.HostBenchmark;
import dev.atelier.inference.bench.EsrganBenchmark;
import dev.atelier.inference.bench.FillBenchmark;
import dev.atelier.inference.bench.UpscaleBenchmark;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.models.ModelStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Random;
import java.util.Set;

/**
 * {@code atelier bench}: figures measured side by side in one run (ratios, since machines are shared and noisy):
 * IPC throughput through a real daemon process vs an in-process memory copy, daemon start-to-ready time, and
 * Lanczos upscaling vs vips and ImageMagick, and ESRGAN (first-job latency, ONNX Runtime vs TensorFlow, the daemon vs
 * UpscalerJS in Node), and workflow folder throughput with 1 vs N items in flight.
 */
final class BenchCommand {

    private static final int IPC_BYTES = 64 << 20;

    private BenchCommand() {}

    static int run(List<String> argv, PrintStream out) throws UsageException, AtelierException, IOException {
        Args args = Args.parse(argv, Set.of("runs", "only"), Set.of("with-thick"));
        int runs = args.intOption("runs", 5);
        if (runs < 1) {
            throw new UsageException("--runs must be at least 1");
        }
        String only = args.option("only").orElse("all");
        List<HostBenchmark> hosts = new java.util.ArrayList<>();
        ServiceLoader.load(HostBenchmark.class).forEach(hosts::add);
        Set<String> known = new java.util.TreeSet<>(Set.of("all", "ipc", "start", "upscale", "esrgan", "fill",
                "workflow"));
        hosts.forEach(h -> known.add(h.host()));
        if (!known.contains(only)) {
            throw new UsageException("--only must be one of " + String.join(", ", known));
        }
        Path dir = Files.createTempDirectory("atelier-bench");
        out.printf("atelier bench: %d runs each, %d cores, java %s%n", runs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (only.equals("all") || only.equals("ipc")) {
            ipc(dir, runs, out);
        }
        if (only.equals("all") || only.equals("start")) {
            startup(dir, runs, out);
        }
        if (only.equals("all") || only.equals("upscale")) {
            try {
                out.println();
                UpscaleBenchmark.run(out, Math.min(runs, 3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (only.equals("all") || only.equals("esrgan")) {
            // Node runs the same model ~100x slower than ORT, so it gets 2 timed runs unless --runs says otherwise.
            int nodeRuns = args.option("runs").isPresent() ? runs : 2;
            try {
                out.println();
                EsrganBenchmark.run(out, new EsrganBenchmark.Settings(ModelStore.current().root(),
                        EngineContext.defaultCacheDir(), runs, nodeRuns, args.flag("with-thick")),
                        (store, socket) -> DaemonClient.connect(options(socket, dir, store)), dir);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (only.equals("all") || only.equals("fill")) {
            try {
                out.println();
                FillBenchmark.run(out, Math.min(runs, 3), FillBenchmark.SIZE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (only.equals("all") || only.equals("workflow")) {
            WorkflowBench.run(out, options(dir.resolve("workflow.sock"), dir,
                    Files.createDirectories(dir.resolve("no-models"))), dir);
        }
        for (HostBenchmark host : hosts) {
            if (only.equals("all") || only.equals(host.host())) {
                try {
                    host.run(out, Math.min(runs, 3), InstallCommand.options(Optional.empty()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return 0;
    }

    private static ClientOptions options(Path socket, Path dir) {
        return options(socket, dir, null);
    }

    /** A fresh daemon's options; a non-null {@code models} becomes its ATELIER_MODELS (set through env(1)). */
    private static ClientOptions options(Path socket, Path dir, Path models) {
        List<String> launcher = new java.util.ArrayList<>();
        if (models != null) {
            launcher.addAll(List.of("env", "ATELIER_MODELS=" + models));
        }
        launcher.addAll(SelfLauncher.daemonCommand("--state-dir", dir.resolve("state").toString()));
        return ClientOptions.builder().setSocket(socket)
                .optLauncher(launcher)
                .optStartTimeout(Duration.ofSeconds(30)).optRequestTimeout(Duration.ofSeconds(60))
                .optClientName("atelier-bench").build();
    }

    private static void ipc(Path dir, int runs, PrintStream out) throws AtelierException {
        byte[] payload = new byte[IPC_BYTES];
        new Random(1).nextBytes(payload);
        double[] memcpy = new double[runs];
        double[] daemon = new double[runs];
        try (DaemonClient client = DaemonClient.connect(options(dir.resolve("ipc.sock"), dir))) {
            byte[] copy = new byte[IPC_BYTES];
            for (int warm = 0; warm < 2; warm++) {
                client.echo(payload);
                System.arraycopy(payload, 0, copy, 0, IPC_BYTES);
            }
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                System.arraycopy(payload, 0, copy, 0, IPC_BYTES);
                memcpy[i] = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                byte[] back = client.echo(payload);
                daemon[i] = (System.nanoTime() - t0) / 1e9;
                if (back.length != IPC_BYTES || back[IPC_BYTES - 1] != payload[IPC_BYTES - 1]) {
                    throw new IllegalStateException("echo returned different bytes");
                }
            }
            client.shutdown();
        }
        double gib = IPC_BYTES / (double) (1L << 30);
        double mem = gib / median(memcpy);
        double rt = gib / median(daemon);
        out.println();
        out.println("IPC: 64 MiB RGBA payload (throughput = 64 MiB / time, median)");
        out.printf("  in-process memory copy (System.arraycopy)   %6.2f GiB/s  (%.1f ms)%n", mem, median(memcpy) * 1e3);
        out.printf("  round trip through the daemon (UDS, echo)   %6.2f GiB/s  (%.1f ms)   ratio %.2f of memory copy"
                + "   goal >= 1 GiB/s: %s%n", rt, median(daemon) * 1e3, rt / mem, rt >= 1 ? "met" : "NOT met");
    }

    private static void startup(Path dir, int runs, PrintStream out) throws AtelierException {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            Path socket = dir.resolve("start" + i + ".sock");
            long t0 = System.nanoTime();
            try (DaemonClient client = DaemonClient.connect(options(socket, dir))) {
                seconds[i] = (System.nanoTime() - t0) / 1e9; // process start → socket bound → HELLO answered
                client.shutdown();
            }
        }
        double m = median(seconds);
        out.println();
        out.println("Daemon start-to-ready (spawn JVM until HELLO is answered)");
        out.printf("  median %.3f s, min %.3f s, max %.3f s   goal < 1 s: %s%n", m,
                Arrays.stream(seconds).min().orElse(0), Arrays.stream(seconds).max().orElse(0),
                m < 1 ? "met" : "NOT met");
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
