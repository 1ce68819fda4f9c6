package dev.atelier.inference.cli;

import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.RemotePanel;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.DetectMode;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.ResultImages;
import dev.atelier.inference.demo.ExampleImages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code atelier demo}: the README's main job. Renders the bundled procedural examples, then runs every
 * operation the installed engines support on each (upscale ×2, every detect mode on offer, …) through the daemon,
 * writing the inputs and outputs to {@code out/demo/}. Operations without an engine or model (e.g. Remove
 * background before {@code atelier models install isnet}), or that do not suit an example, are listed as skipped,
 * with the reason. Then the example workflows ({@link DemoWorkflows}) run on the same images into
 * {@code out/demo/workflows/}.
 */
final class DemoCommand {

    private DemoCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err)
            throws UsageException, AtelierException, IOException {
        Args args = Args.parse(argv, Set.of("output"), Set.of());
        Path dir = Path.of(args.option("output").orElse("out/demo"));
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        Map<String, Raster> examples = ExampleImages.all();
        for (Map.Entry<String, Raster> e : examples.entrySet()) {
            Png.write(e.getValue(), inputs.resolve(e.getKey() + ".png"));
        }
        out.println("examples: " + examples.size() + " images in " + inputs);

        int written = 0;
        // What was skipped → on which examples (an operation may run on some examples and not on others).
        Map<String, Set<String>> skipped = new java.util.LinkedHashMap<>();
        long start = System.nanoTime();
        try (DaemonClient client = ClientFactory.connect(true)) {
            for (RemotePanel panel : client.panels()) {
                String op = panel.descriptor().operation().id();
                if (!panel.available()) {
                    skipped.put(op + ": " + panel.unavailableReason().orElse("unavailable"), Set.of());
                    continue;
                }
                for (Map.Entry<String, Raster> e : examples.entrySet()) {
                    for (Variant v : variants(op)) {
                        Submission.Builder s = Submission.builder().setOperation(op).setImage(e.getValue());
                        v.params().forEach(s::optParam);
                        if (panel.descriptor().operation().needsMask()) {
                            s.optMask(centreMask(e.getValue()));
                        }
                        String name = e.getKey() + "-" + op + v.suffix();
                        try {
                            ProgressBar bar = new ProgressBar(err, name);
                            OperationResult r = client.run(s.build(), bar);
                            bar.finish();
                            Path file = dir.resolve(name + ".png");
                            Png.write(ResultImages.flatten(e.getValue(), r), file);
                            out.printf("  %-34s %4dx%-4d -> %s%n", name, r.canvasWidth(), r.canvasHeight(), file);
                            r.notices().forEach(n -> out.println("      note: " + n));
                            written++;
                        } catch (AtelierException ex) {
                            // Unavailable, or not meaningful for this example (e.g. ISNet finds no single object
                            // in the landscape for Prep for 3D): listed as skipped, with the reason.
                            if (ex.code() != ErrorCode.OPERATION_UNAVAILABLE
                                    && ex.code() != ErrorCode.INVALID_PARAMETERS) {
                                throw ex;
                            }
                            skipped.computeIfAbsent(op + v.suffix() + ": " + ex.getMessage(),
                                    k -> new LinkedHashSet<>()).add(e.getKey());
                        }
                    }
                }
            }
            written += DemoWorkflows.run(client, examples, DemoCommand::centreMask, dir, out, err);
        }
        out.printf("demo: %d outputs in %s (%.1f s)%n", written, dir, (System.nanoTime() - start) / 1e9);
        skipped.forEach((what, where) -> {
            int colon = what.indexOf(": ");
            String on = where.isEmpty() || where.size() == examples.size() ? "" : " (" + String.join(", ", where) + ")";
            out.println("  skipped " + what.substring(0, colon) + on + what.substring(colon));
        });
        return 0;
    }

    /** One run of an operation: extra parameters and a file-name suffix. */
    private record Variant(String suffix, Map<String, String> params) {}

    private static List<Variant> variants(String op) {
        List<Variant> list = new ArrayList<>();
        switch (op) {
            case "upscale" -> list.add(new Variant("-x2", Map.of("factor", "2")));
            case "detect" -> {
                for (DetectMode m : DetectMode.values()) {
                    list.add(new Variant("-" + m.id(), Map.of("mode", m.id())));
                }
            }
            default -> list.add(new Variant("", Map.of()));
        }
        return list;
    }

    /** A soft ellipse over the middle third: the selection a user might make for Retouch. */
    private static Mask centreMask(Raster image) {
        int w = image.width();
        int h = image.height();
        byte[] m = new byte[w * h];
        double cx = w / 2.0;
        double cy = h / 2.0;
        double rx = w / 6.0;
        double ry = h / 6.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = Math.hypot((x + 0.5 - cx) / rx, (y + 0.5 - cy) / ry);
                m[y * w + x] = (byte) Math.round(255 * Math.max(0, Math.min(1, (1.1 - d) * 5)));
            }
        }
        return Mask.wrap(w, h, m);
    }
}
