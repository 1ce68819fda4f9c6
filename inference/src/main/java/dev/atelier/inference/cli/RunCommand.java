package dev.atelier.inference.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.client.JobHandle;
import dev.atelier.core.client.Submission;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.ImageDecodeException;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import dev.atelier.core.operation.ResultImages;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code atelier run OP --input FILE [--mask FILE] [--set key=value]... --output FILE}: one operation through the
 * daemon with a progress bar; Ctrl+C cancels the job. The output file is written only when the result is
 * complete (to a temporary name, then renamed).
 */
final class RunCommand {

    /** Input files above this are refused before upload; the daemon enforces its own limit too. */
    private static final long MAX_INPUT_PIXELS = 64L << 20;

    private RunCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err)
            throws UsageException, AtelierException, IOException {
        Args args = Args.parse(argv, Set.of("input", "mask", "set", "output", "priority"), Set.of());
        if (args.positionals().size() != 1) {
            throw new UsageException("run needs exactly one operation, e.g. 'atelier run upscale --input in.png "
                    + "--set factor=2 --output out.png'");
        }
        String op = args.positionals().get(0);
        Path input = Path.of(args.required("input", "run"));
        Path output = Path.of(args.required("output", "run"));
        if (Files.isDirectory(input)) {
            if (!op.equals("prep-3d")) {
                throw new UsageException("a folder of views works with prep-3d only; give " + op + " one image");
            }
            Map<String, JsonElement> params = new LinkedHashMap<>();
            for (String kv : args.all("set")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--set needs key=value, got '" + kv + "'");
                }
                params.put(kv.substring(0, eq).trim(), new JsonPrimitive(kv.substring(eq + 1)));
            }
            try (DaemonClient client = ClientFactory.connect(true)) {
                return Prep3dFolder.run(input, output, params, client, out, err);
            }
        }
        Path outDir = output.toAbsolutePath().getParent();
        if (!Files.isDirectory(outDir)) {
            throw new UsageException("output folder " + outDir + " does not exist");
        }
        Submission.Builder s = Submission.builder().setOperation(op).setImage(readImage(input, "input"))
                .optPriority(args.intOption("priority", 0));
        if (args.option("mask").isPresent()) {
            s.optMask(Mask.fromImage(readImage(Path.of(args.option("mask").get()), "mask")));
        }
        for (String kv : args.all("set")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set needs key=value, got '" + kv + "'");
            }
            s.optParam(kv.substring(0, eq).trim(), kv.substring(eq + 1));
        }
        Submission submission = s.build();
        long start = System.nanoTime();
        try (DaemonClient client = ClientFactory.connect(true)) {
            ProgressBar bar = new ProgressBar(err, op);
            JobHandle job = client.submit(submission, bar);
            Thread cancelOnInterrupt = new Thread(() -> {
                if (!job.isDone()) {
                    try {
                        job.cancel();
                        err.println("\natelier: cancelled job " + job.id());
                    } catch (AtelierException e) {
                        // The daemon is gone or the job already ended.
                    }
                }
            });
            Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
            OperationResult result;
            try {
                result = job.await();
            } finally {
                bar.finish();
                try {
                    Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
                } catch (IllegalStateException e) {
                    // Already shutting down.
                }
            }
            Raster image = ResultImages.flatten(submission.image(), result);
            Png.write(image, output);
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("%s: wrote %s (%dx%d) in %.2f s%n", op, output, image.width(), image.height(), seconds);
            for (int k = 1; k < result.images().size(); k++) { // a batch: out.png, out-2.png, out-3.png, ...
                Path file = batchOutput(output, k);
                Png.write(ResultImages.flatten(submission.image(), result, k), file);
                out.printf("%s: wrote %s (image %d of %d)%n", op, file, k + 1, result.images().size());
            }
            result.notices().forEach(n -> out.println("note: " + n));
        }
        return 0;
    }

    /** Where image {@code index} (0-based) of a batch goes: {@code output} itself, then {@code name-2.png}, …. */
    static Path batchOutput(Path output, int index) {
        if (index == 0) {
            return output;
        }
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return output.resolveSibling(stem + "-" + (index + 1) + ext);
    }

    static Raster readImage(Path file, String what) throws UsageException {
        try {
            return Png.read(file, MAX_INPUT_PIXELS);
        } catch (NoSuchFileException e) {
            throw new UsageException(what + " file " + file + " does not exist");
        } catch (ImageDecodeException e) {
            throw new UsageException("cannot read " + what + " " + file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }
}
