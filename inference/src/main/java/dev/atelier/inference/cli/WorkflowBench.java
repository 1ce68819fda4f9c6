package dev.atelier.inference.cli;

import dev.atelier.core.client.ClientOptions;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Png;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.inference.demo.ExampleImages;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code atelier bench --only workflow}: folder throughput of {@code batch-upscale} (Lanczos ×2, the classical
 * engine) through a fresh daemon, one item at a time against {@code N} items in flight (N = cores, at least 2),
 * measured in the same run and printed side by side with the ratio. Each timed run goes into an empty folder, so
 * the journal, the whole-file writes and the summary are all part of the figure.
 */
final class WorkflowBench {

    static final int ITEMS = 64;
    static final int WIDTH = 256;
    static final int HEIGHT = 192;

    private WorkflowBench() {}

    /** @param daemon options for a fresh daemon with an empty model store (so Precise is Lanczos, not ESRGAN) */
    static void run(PrintStream out, ClientOptions daemon, Path dir) throws AtelierException, IOException {
        Optional<Path> file = ExampleWorkflows.file("batch-upscale");
        out.println();
        if (file.isEmpty()) {
            out.println("Workflow batch: skipped (examples/workflows/batch-upscale.json not found; run bin/atelier)");
            return;
        }
        CheckedWorkflow w;
        Map<String, OperationRequest> requests;
        try {
            w = WorkflowCommand.load(file.get());
            requests = w.requests(Map.of());
        } catch (UsageException e) {
            throw new IOException(e.getMessage(), e);
        }
        Path in = Files.createDirectories(dir.resolve("workflow-in"));
        for (int i = 0; i < ITEMS; i++) {
            Png.write(ExampleImages.character(WIDTH, HEIGHT, i), in.resolve(String.format("item%03d.png", i)));
        }
        int n = Math.max(2, Runtime.getRuntime().availableProcessors());
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (DaemonClient client = DaemonClient.connect(daemon)) {
            FolderBatch.Plan plan = new FolderBatch.Plan(w, requests, new DaemonNodeExecutor(client, w, requests,
                    Map.of()), Optional.empty(), "bench");
            batch(plan, in, dir.resolve("workflow-warm"), n, quiet); // JIT and engine warm-up
            double one = batch(plan, in, dir.resolve("workflow-1"), 1, quiet);
            double many = batch(plan, in, dir.resolve("workflow-" + n), n, quiet);
            client.shutdown();
            out.printf("Workflow batch: batch-upscale (Lanczos x2, precise) over %d images of %dx%d, one run each%n",
                    ITEMS, WIDTH, HEIGHT);
            out.printf("  1 item at a time   %6.1f images/s  (%.2f s)%n", ITEMS / one, one);
            out.printf("  %d items at a time  %6.1f images/s  (%.2f s)   ratio %.2fx%n", n, ITEMS / many, many,
                    one / many);
        }
    }

    private static double batch(FolderBatch.Plan plan, Path in, Path out, int parallel, PrintStream quiet)
            throws IOException, AtelierException {
        try {
            FolderBatch.Outcome o = new FolderBatch(plan, in, out, parallel).run(new ProgressBar(quiet, ""), quiet);
            if (o.summary().failedCount() > 0) {
                throw new IOException("benchmark items failed: " + o.summary().failed());
            }
            return o.seconds();
        } catch (UsageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
