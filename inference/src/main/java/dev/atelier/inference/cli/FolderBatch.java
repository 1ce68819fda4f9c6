package dev.atelier.inference.cli;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.image.Mask;
import dev.atelier.core.image.Png;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.workflow.CheckedWorkflow;
import dev.atelier.inference.engine.CancelToken;
import dev.atelier.inference.engine.ProgressSink;
import dev.atelier.inference.workflow.NodeExecutor;
import dev.atelier.inference.workflow.WorkflowResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A workflow over every PNG in a folder, up to {@code parallel} items at once, each item's nodes as daemon jobs.
 * Restartable: {@link BatchJournal} records each finished item after its outputs are renamed into place, so a run
 * killed at any point and started again skips what is done, redoes at most the items that were in flight, and
 * removes the temporaries they left. The input folder is only read. Ctrl+C / SIGTERM stops taking new items and
 * cancels the running ones; what finished is journalled and in {@code summary.json}.
 */
final class FolderBatch {

    static final String DONE_EARLIER = "done in an earlier run (journal)";
    static final String OUTPUTS_PRESENT = "outputs already present";

    /** Input files above this are refused; the daemon enforces its own limit too. */
    private static final long MAX_INPUT_PIXELS = 64L << 20;

    /** What every item shares: the workflow, its bound requests, the executor and the optional mask. */
    record Plan(CheckedWorkflow workflow, Map<String, OperationRequest> requests, NodeExecutor executor,
            Optional<Mask> mask, String fingerprint) {}

    private final Plan plan;
    private final Path input;
    private final Path output;
    private final int parallel;
    private final BatchSummary summary = new BatchSummary();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Set<CancelToken> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger finished = new AtomicInteger();

    FolderBatch(Plan plan, Path input, Path output, int parallel) {
        this.plan = plan;
        this.input = input;
        this.output = output;
        this.parallel = parallel;
    }

    /** The outcome: the summary, and whether the run was stopped before its end. */
    record Outcome(BatchSummary summary, boolean stopped, double seconds) {}

    /**
     * Runs the batch; progress goes to {@code bar} (item counts and ETA), the summary to {@code report} (printed before
     * a Ctrl+C lets the process end).
     *
     * @throws UsageException as the folders are unsuitable or the journal belongs to another workflow or settings
     * @throws IOException as the output folder cannot be written
     */
    Outcome run(ProgressBar bar, PrintStream report) throws UsageException, IOException {
        checkFolders(input, output);
        Path in = input.toAbsolutePath().normalize();
        Path out = output.toAbsolutePath().normalize();
        Files.createDirectories(out);
        long start = System.nanoTime();
        try (BatchJournal journal = BatchJournal.open(out, plan.fingerprint())) {
            if (!journal.fingerprint().equals(plan.fingerprint())) {
                throw new UsageException(output + " holds a run of another workflow or other settings (its "
                        + BatchJournal.FILE + " says so); use a new --output folder or delete that file to start over");
            }
            AtomicFiles.removeLeftovers(out);
            ConcurrentLinkedQueue<Path> todo = new ConcurrentLinkedQueue<>(items(in, out, journal));
            int total = todo.size();
            CountDownLatch ended = new CountDownLatch(1);
            Thread hook = new Thread(() -> stop(ended), "atelier-batch-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                List<Thread> workers = new ArrayList<>();
                for (int i = 0; i < Math.min(parallel, Math.max(1, total)); i++) {
                    Thread t = new Thread(() -> work(todo, journal, bar, total, start), "atelier-batch-" + i);
                    t.start();
                    workers.add(t);
                }
                for (Thread t : workers) {
                    join(t);
                }
                todo.forEach(p -> summary.notRun(p.getFileName().toString()));
                bar.finish();
                double seconds = (System.nanoTime() - start) / 1e9;
                summary.write(plan.workflow().id(), input, output, seconds);
                summary.print(report, plan.workflow().id(), output, seconds);
                if (stopping.get()) {
                    report.println("stopped: run the same command again to continue (" + summary.notRun().size()
                            + " item(s) left)");
                }
                return new Outcome(summary, stopping.get(), seconds);
            } finally {
                ended.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // Already shutting down: the hook is running and waits for `ended`.
                }
            }
        }
    }

    /** Refuses an output folder that is the input folder or inside it: nothing in the input is ever written. */
    static void checkFolders(Path input, Path output) throws UsageException {
        if (!Files.isDirectory(input)) {
            throw new UsageException("input folder " + input + " does not exist");
        }
        if (output.toAbsolutePath().normalize().startsWith(input.toAbsolutePath().normalize())) {
            throw new UsageException("--output must not be the input folder or inside it: nothing in " + input
                    + " is ever written");
        }
    }

    /** Lists the folder's items to run, recording the others as skipped with the reason. */
    private List<Path> items(Path in, Path out, BatchJournal journal) throws IOException, UsageException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(in)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        Map<String, String> byStem = new HashMap<>();
        List<Path> todo = new ArrayList<>();
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (!Files.isRegularFile(p)) {
                summary.skipped(name, "not a file");
            } else if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
                summary.skipped(name, "not a PNG file");
            } else if (byStem.putIfAbsent(WorkflowItem.stem(name), name) != null) {
                summary.skipped(name, "its outputs would overwrite those of " + byStem.get(WorkflowItem.stem(name)));
            } else if (journal.done().contains(name)) {
                summary.skipped(name, DONE_EARLIER);
            } else if (WorkflowItem.outputFiles(plan.workflow(), out, name).values().stream()
                    .allMatch(Files::isRegularFile)) {
                // Killed after the renames but before the journal line: the files are whole (renamed into place).
                summary.skipped(name, OUTPUTS_PRESENT);
            } else {
                todo.add(p);
            }
        }
        return todo;
    }

    private void work(ConcurrentLinkedQueue<Path> todo, BatchJournal journal, ProgressBar bar, int total,
            long start) {
        Path item;
        while (!stopping.get() && (item = todo.poll()) != null) {
            String name = item.getFileName().toString();
            CancelToken cancel = new CancelToken();
            running.add(cancel);
            try {
                if (stopping.get()) {
                    cancel.cancel(); // the stop came between poll and add
                }
                runItem(item, name, journal, cancel);
            } catch (AtelierException e) {
                if (e.code() == ErrorCode.CANCELLED) {
                    summary.notRun(name);
                } else {
                    fail(journal, name, e.getMessage() + " [" + e.code().name() + "]");
                }
            } catch (IOException | RuntimeException e) {
                fail(journal, name, String.valueOf(e.getMessage()));
            } finally {
                running.remove(cancel);
            }
            progress(bar, finished.incrementAndGet(), total, start);
        }
    }

    private void runItem(Path item, String name, BatchJournal journal, CancelToken cancel)
            throws AtelierException, IOException {
        Raster image;
        try {
            image = Png.read(item, MAX_INPUT_PIXELS); // opened for reading only
        } catch (IOException e) {
            throw new AtelierException(ErrorCode.BAD_REQUEST, "cannot read: " + e.getMessage());
        }
        WorkflowResult r = WorkflowItem.run(plan.workflow(), plan.requests(), plan.executor(), image, plan.mask(),
                ProgressSink.none(), cancel, first -> summary.notice(name, "retried after: " + first));
        WorkflowItem.write(r, WorkflowItem.outputFiles(plan.workflow(), output, name));
        journal.done(name);
        summary.done(name);
        r.notices().forEach(n -> summary.notice(name, n));
    }

    private void fail(BatchJournal journal, String name, String reason) {
        summary.failed(name, reason);
        try {
            journal.failed(name, reason);
        } catch (IOException e) {
            // A failure line is informational (failed items are tried again on restart); the summary has it.
        }
    }

    private void progress(ProgressBar bar, int n, int total, long start) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        long eta = Math.round(elapsed / n * (total - n));
        String failed = summary.failedCount() == 0 ? "" : ", " + summary.failedCount() + " failed";
        bar.onProgress(total == 0 ? 1 : (double) n / total, n + "/" + total + " items" + failed + ", ETA "
                + eta / 60 + ":" + String.format("%02d", eta % 60), null);
    }

    /** The shutdown hook: stop taking items, cancel the running ones, and wait until the batch has wrapped up. */
    private void stop(CountDownLatch ended) {
        stopping.set(true);
        running.forEach(CancelToken::cancel);
        try {
            ended.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
