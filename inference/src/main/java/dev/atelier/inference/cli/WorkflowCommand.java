package dev.atelier.inference.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.atelier.core.client.DaemonClient;
import dev.atelier.core.error.AtelierException;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.core.workflow.WorkflowChecker;
import dev.atelier.core.workflow.WorkflowException;
import dev.atelier.core.workflow.WorkflowInput;
import dev.atelier.core.workflow.WorkflowJson;
import dev.atelier.core.workflow.WorkflowNode;
import dev.atelier.core.workflow.WorkflowProblem;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.workflow.WorkflowResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code atelier workflow validate FILE} and {@code atelier workflow run FILE --input FILE|DIR --output DIR
 * [--set node.param=value]... [--parallel N] [--mask FILE]}: one image, or every PNG in a folder ({@link FolderBatch}),
 * through a workflow whose nodes run as daemon jobs. Outputs are {@code <input-stem>.<output-id>.png}.
 */
final class WorkflowCommand {

    /**
     * Items in flight over a folder by default: the daemon's light lane runs one classical job per core, and two
     * items keep both lanes of a small machine busy while the CLI decodes and encodes PNGs.
     */
    static final int DEFAULT_PARALLEL = 2;

    private WorkflowCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err)
            throws UsageException, AtelierException, IOException {
        if (argv.isEmpty()) {
            throw new UsageException("workflow needs 'validate FILE' or 'run FILE --input FILE|DIR --output DIR'");
        }
        List<String> rest = argv.subList(1, argv.size());
        return switch (argv.get(0)) {
            case "validate" -> validate(rest, out, err);
            case "run" -> runWorkflow(rest, out, err);
            default -> throw new UsageException("unknown workflow command '" + argv.get(0)
                    + "' (validate or run)");
        };
    }

    private static int validate(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Args args = Args.parse(argv, Set.of(), Set.of());
        Path file = oneFile(args, "workflow validate FILE");
        try {
            CheckedWorkflow w = load(file);
            out.println("OK " + w.id() + ": " + w.order().stream().map(WorkflowNode::id)
                    .collect(Collectors.joining(" -> ")));
            return 0;
        } catch (WorkflowException e) {
            printProblems(err, file, e);
            return 2;
        }
    }

    private static int runWorkflow(List<String> argv, PrintStream out, PrintStream err)
            throws UsageException, AtelierException, IOException {
        Args args = Args.parse(argv, Set.of("input", "output", "set", "parallel", "mask"), Set.of());
        Path file = oneFile(args, "workflow run FILE --input FILE|DIR --output DIR");
        Path input = Path.of(args.required("input", "workflow run"));
        Path output = Path.of(args.required("output", "workflow run"));
        int parallel = args.intOption("parallel", DEFAULT_PARALLEL);
        if (parallel < 1 || parallel > 64) {
            throw new UsageException("--parallel must be 1..64, got " + parallel);
        }
        Map<String, Map<String, JsonElement>> overrides = overrides(args.all("set"));
        CheckedWorkflow w;
        Map<String, OperationRequest> requests;
        try {
            w = load(file);
            requests = w.requests(overrides);
        } catch (WorkflowException e) {
            printProblems(err, file, e);
            return 2;
        }
        if (!Files.exists(input)) {
            throw new UsageException("input " + input + " does not exist");
        }
        if (Files.isRegularFile(output)) {
            throw new UsageException("--output must be a folder; " + output + " is a file");
        }
        if (Files.isDirectory(input)) {
            FolderBatch.checkFolders(input, output);
        }
        Optional<Mask> mask = mask(w, args.option("mask"));
        try (DaemonClient client = ClientFactory.connect(true)) {
            DaemonNodeExecutor executor = new DaemonNodeExecutor(client, w, requests, overrides);
            if (Files.isDirectory(input)) {
                FolderBatch.Plan plan = new FolderBatch.Plan(w, requests, executor, mask,
                        fingerprint(file, overrides, args.option("mask")));
                FolderBatch.Outcome o = new FolderBatch(plan, input, output, parallel)
                        .run(new ProgressBar(err, w.id()), out);
                return o.stopped() ? 130 : o.summary().failedCount() > 0 ? 1 : 0;
            }
            return single(w, requests, executor, input, output, mask, out, err);
        }
    }

    private static int single(CheckedWorkflow w, Map<String, OperationRequest> requests, DaemonNodeExecutor executor,
            Path input, Path output, Optional<Mask> mask, PrintStream out, PrintStream err)
            throws UsageException, AtelierException, IOException {
        if (output.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize().getParent())) {
            err.println("atelier: note: writing beside the input (" + output + ")");
        }
        Raster image = RunCommand.readImage(input, "input");
        Files.createDirectories(output);
        long start = System.nanoTime();
        CancelToken cancel = new CancelToken();
        CountDownLatch ended = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                ended.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressBar bar = new ProgressBar(err, w.id());
        try {
            WorkflowResult r = WorkflowItem.run(w, requests, executor, image, mask,
                    (fraction, message) -> bar.onProgress(fraction, message, null), cancel,
                    first -> err.println("\natelier: " + first + "; retrying that node once"));
            bar.finish();
            Map<String, Path> files = WorkflowItem.outputFiles(w, output, input.getFileName().toString());
            WorkflowItem.write(r, files);
            files.forEach((id, f) -> out.printf("%s: %s -> %s (%dx%d)%n", w.id(), id, f,
                    r.outputs().get(id).width(), r.outputs().get(id).height()));
            r.notices().forEach(n -> out.println("note: " + n));
            out.printf("%s: done in %.2f s%n", w.id(), (System.nanoTime() - start) / 1e9);
            return 0;
        } finally {
            bar.finish();
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down.
            }
        }
    }

    /** Reads and checks a workflow file; a missing or unreadable file is a usage error. */
    static CheckedWorkflow load(Path file) throws UsageException, WorkflowException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("workflow file " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageException("cannot read workflow " + file + ": " + e.getMessage());
        }
        return WorkflowChecker.check(WorkflowJson.parse(json, file.getFileName().toString()));
    }

    private static void printProblems(PrintStream err, Path file, WorkflowException e) {
        for (WorkflowProblem p : e.problems()) {
            err.println(file + ": " + p);
        }
    }

    private static Path oneFile(Args args, String usage) throws UsageException {
        if (args.positionals().size() != 1) {
            throw new UsageException("usage: atelier " + usage);
        }
        return Path.of(args.positionals().get(0));
    }

    /** Parses {@code --set node.param=value} into node → field → value (values as the strings a host sends). */
    static Map<String, Map<String, JsonElement>> overrides(List<String> sets) throws UsageException {
        Map<String, Map<String, JsonElement>> overrides = new LinkedHashMap<>();
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            int dot = eq < 0 ? -1 : kv.substring(0, eq).indexOf('.');
            if (eq <= 0 || dot <= 0 || dot == eq - 1) {
                throw new UsageException("--set needs node.param=value, e.g. upscale.factor=4; got '" + kv + "'");
            }
            overrides.computeIfAbsent(kv.substring(0, dot).trim(), k -> new LinkedHashMap<>())
                    .put(kv.substring(dot + 1, eq).trim(), new JsonPrimitive(kv.substring(eq + 1)));
        }
        return overrides;
    }

    private static Optional<Mask> mask(CheckedWorkflow w, Optional<String> file) throws UsageException {
        Optional<WorkflowInput> in = w.maskInput();
        if (file.isEmpty()) {
            if (in.isPresent() && !in.get().optional()) {
                throw new UsageException("workflow '" + w.id() + "' needs --mask FILE (its input '"
                        + in.get().id() + "')");
            }
            return Optional.empty();
        }
        if (in.isEmpty()) {
            throw new UsageException("workflow '" + w.id() + "' takes no mask; leave out --mask");
        }
        return Optional.of(Mask.fromImage(RunCommand.readImage(Path.of(file.get()), "mask")));
    }

    /** What the journal ties a folder run to: the workflow file's content, the overrides and the mask file. */
    private static String fingerprint(Path file, Map<String, Map<String, JsonElement>> overrides,
            Optional<String> mask) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(Files.readAllBytes(file));
            Map<String, String> sorted = new TreeMap<>();
            overrides.forEach((node, values) -> values.forEach((k, v) -> sorted.put(node + "." + k, v.toString())));
            d.update(sorted.toString().getBytes(StandardCharsets.UTF_8));
            if (mask.isPresent()) {
                d.update(Files.readAllBytes(Path.of(mask.get())));
            }
            return HexFormat.of().formatHex(d.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
