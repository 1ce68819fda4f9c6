package dev.atelier.inference.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.core.workflow.WorkflowException;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.workflow.WorkflowResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The demo's workflow part: the shipped example workflows run through the workflow runner on the bundled examples,
 * into {@code DIR/workflows/<workflow>/<example>.<output>.png}. Nodes whose engine is missing are skipped with
 * a notice (the image passes through); an example a workflow does not suit is listed as skipped, with the reason.
 */
final class DemoWorkflows {

    /**
     * One workflow run of the demo: on every example, or on one; with overrides. character-finish runs on the
     * character only, with the Precise upscale (Balanced would be the heaviest ESRGAN where one is installed: minutes
     * on a laptop CPU), and gets the demo's centre selection as its mask.
     */
    private record Demo(String id, Optional<String> example, Map<String, Map<String, JsonElement>> overrides) {}

    private static final List<Demo> DEMOS = List.of(
            new Demo("batch-upscale", Optional.empty(), Map.of()),
            new Demo("prep-for-3d", Optional.empty(), Map.of()),
            new Demo("character-finish", Optional.of("character"),
                    Map.of("upscale", Map.of("preset", new JsonPrimitive("precise")))));

    private DemoWorkflows() {}

    /** Returns the number of outputs written. */
    static int run(DaemonClient client, Map<String, Raster> examples, Function<Raster, Mask> selection, Path dir,
            PrintStream out, PrintStream err) throws UsageException, AtelierException, IOException {
        int written = 0;
        for (Demo demo : DEMOS) {
            String id = demo.id();
            Optional<Path> file = ExampleWorkflows.file(id);
            if (file.isEmpty()) {
                out.println("  skipped workflow " + id + ": examples/workflows/" + id + ".json not found");
                continue;
            }
            CheckedWorkflow w;
            Map<String, OperationRequest> requests;
            try {
                w = WorkflowCommand.load(file.get());
                requests = w.requests(demo.overrides());
            } catch (WorkflowException e) {
                out.println("  skipped workflow " + id + ": " + e.getMessage());
                continue;
            }
            Path folder = Files.createDirectories(dir.resolve("workflows").resolve(id));
            DaemonNodeExecutor executor = new DaemonNodeExecutor(client, w, requests, demo.overrides());
            for (Map.Entry<String, Raster> e : examples.entrySet()) {
                if (demo.example().isPresent() && !demo.example().get().equals(e.getKey())) {
                    continue;
                }
                Optional<Mask> mask = w.maskInput().map(in -> selection.apply(e.getValue()));
                String name = "workflow " + id + " " + e.getKey();
                ProgressBar bar = new ProgressBar(err, name);
                WorkflowResult r;
                try {
                    r = WorkflowItem.run(w, requests, executor, e.getValue(), mask,
                            (f, m) -> bar.onProgress(f, m, null), new CancelToken(), first -> { });
                } catch (AtelierException ex) {
                    bar.finish();
                    if (ex.code() != ErrorCode.INVALID_PARAMETERS && ex.code() != ErrorCode.OPERATION_UNAVAILABLE) {
                        throw ex;
                    }
                    out.println("  skipped " + name + ": " + ex.getMessage());
                    continue;
                }
                bar.finish();
                Map<String, Path> files = WorkflowItem.outputFiles(w, folder, e.getKey() + ".png");
                WorkflowItem.write(r, files);
                for (Map.Entry<String, Path> f : files.entrySet()) {
                    Raster img = r.outputs().get(f.getKey());
                    out.printf("  %-34s %4dx%-4d -> %s%n", id + " " + e.getKey() + " " + f.getKey(), img.width(),
                            img.height(), f.getValue());
                    written++;
                }
                r.notices().forEach(n -> out.println("      note: " + n));
            }
        }
        return written;
    }
}
