package dev.atelier.inference.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a folder run did, printed at the end and written to {@code DIR/summary.json}: items done in this run, failed
 * (with the reason), skipped (with the reason: not a PNG, done in an earlier run, outputs already present) and, when
 * the run was stopped, those not run. Thread-safe: workers record into it as items finish.
 */
final class BatchSummary {

    static final String FILE = "summary.json";

    private final List<String> done = new ArrayList<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final List<String> notRun = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    synchronized void done(String item) {
        done.add(item);
    }

    synchronized void failed(String item, String reason) {
        failed.put(item, reason);
    }

    synchronized void skipped(String item, String reason) {
        skipped.put(item, reason);
    }

    synchronized void notRun(String item) {
        notRun.add(item);
    }

    synchronized void notice(String item, String notice) {
        notices.add(item + ": " + notice);
    }

    synchronized int doneCount() {
        return done.size();
    }

    synchronized int failedCount() {
        return failed.size();
    }

    synchronized List<String> done() {
        return List.copyOf(done);
    }

    synchronized Map<String, String> failed() {
        return Map.copyOf(failed);
    }

    synchronized Map<String, String> skipped() {
        return Map.copyOf(skipped);
    }

    synchronized List<String> notRun() {
        return List.copyOf(notRun);
    }

    synchronized JsonObject toJson(String workflow, Path input, Path output, double seconds) {
        JsonObject o = new JsonObject();
        o.addProperty("workflow", workflow);
        o.addProperty("input", input.toAbsolutePath().toString());
        o.addProperty("output", output.toAbsolutePath().toString());
        o.addProperty("seconds", Math.round(seconds * 100) / 100.0);
        JsonArray d = new JsonArray();
        done.stream().sorted().forEach(d::add);
        o.add("done", d);
        o.add("failed", entries(failed));
        o.add("skipped", entries(skipped));
        JsonArray n = new JsonArray();
        notRun.stream().sorted().forEach(n::add);
        o.add("notRun", n);
        JsonArray notes = new JsonArray();
        notices.forEach(notes::add);
        o.add("notices", notes);
        return o;
    }

    private static JsonArray entries(Map<String, String> reasons) {
        JsonArray a = new JsonArray();
        reasons.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            JsonObject x = new JsonObject();
            x.addProperty("item", e.getKey());
            x.addProperty("reason", e.getValue());
            a.add(x);
        });
        return a;
    }

    /** Writes {@code summary.json} whole into {@code output}. */
    void write(String workflow, Path input, Path output, double seconds) throws IOException {
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(toJson(workflow, input, output, seconds)) + "\n";
        AtomicFiles.write(output.resolve(FILE), json.getBytes(StandardCharsets.UTF_8));
    }

    /** Prints the counts, then every failure and skip with its reason. */
    synchronized void print(PrintStream out, String workflow, Path output, double seconds) {
        out.printf("%s: %d done, %d failed, %d skipped%s in %.1f s -> %s%n", workflow, done.size(), failed.size(),
                skipped.size(), notRun.isEmpty() ? "" : ", " + notRun.size() + " not run (stopped)", seconds,
                output.resolve(FILE));
        failed.forEach((item, reason) -> out.println("  failed  " + item + ": " + reason));
        // Items done in an earlier run are only counted: a restarted run of 200 would otherwise list them all.
        Map<String, Integer> earlier = new LinkedHashMap<>();
        skipped.forEach((item, reason) -> {
            if (reason.equals(FolderBatch.DONE_EARLIER) || reason.equals(FolderBatch.OUTPUTS_PRESENT)) {
                earlier.merge(reason, 1, Integer::sum);
            } else {
                out.println("  skipped " + item + ": " + reason);
            }
        });
        earlier.forEach((reason, n) -> out.println("  skipped " + n + " item(s): " + reason));
    }
}
