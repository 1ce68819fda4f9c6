package dev.atelier.inference.job;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.atelier.core.image.Raster;
import dev.atelier.core.operation.OperationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finished results on disk, one {@code <job>.rgba} + {@code <job>.json} pair each (a batch adds
 * {@code <job>.1.rgba}, {@code <job>.2.rgba}, … and {@code "images"} in the json), so a host that crashed or
 * lost its connection can fetch its result later. Written to a temporary name and renamed, so a result is either
 * whole or absent. Entries go when released by the client or when older than the retention period.
 */
public final class ResultStore {

    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Path dir;
    private final Duration retention;
    private final Clock clock;

    public ResultStore(Path dir, Duration retention, Clock clock) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.retention = retention;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** Stores a result durably under its job id. */
    public void put(String jobId, OperationResult result) throws IOException {
        checkId(jobId);
        JsonObject meta = new JsonObject();
        meta.addProperty("width", result.image().width());
        meta.addProperty("height", result.image().height());
        meta.addProperty("x", result.x());
        meta.addProperty("y", result.y());
        meta.addProperty("canvasWidth", result.canvasWidth());
        meta.addProperty("canvasHeight", result.canvasHeight());
        JsonArray notices = new JsonArray();
        result.notices().forEach(notices::add);
        meta.add("notices", notices);
        JsonObject extra = new JsonObject();
        result.metadata().forEach(extra::addProperty);
        meta.add("meta", extra);
        List<Raster> images = result.images();
        meta.addProperty("images", images.size());
        // Pixels first, metadata last: the .json's presence marks a complete entry.
        for (int i = 0; i < images.size(); i++) {
            writeAtomically(pixels(jobId, i), images.get(i).unsafeBytes());
        }
        writeAtomically(dir.resolve(jobId + ".json"), meta.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a stored result, or empty when there is none (never stored, released or expired). */
    public Optional<OperationResult> get(String jobId) throws IOException {
        if (!JOB_ID.matcher(jobId).matches()) {
            return Optional.empty();
        }
        Path json = dir.resolve(jobId + ".json");
        if (!Files.exists(json)) {
            return Optional.empty();
        }
        JsonObject meta = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        int count = meta.has("images") ? meta.get("images").getAsInt() : 1; // entries from before batches lack it
        if (count < 1 || count > OperationResult.MAX_IMAGES) {
            return Optional.empty();
        }
        List<Raster> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path rgba = pixels(jobId, i);
            if (!Files.exists(rgba)) {
                return Optional.empty();
            }
            images.add(Raster.wrap(meta.get("width").getAsInt(), meta.get("height").getAsInt(),
                    Files.readAllBytes(rgba)));
        }
        List<String> notices = new ArrayList<>();
        meta.getAsJsonArray("notices").forEach(n -> notices.add(n.getAsString()));
        java.util.Map<String, String> extra = new java.util.LinkedHashMap<>();
        if (meta.has("meta")) {
            meta.getAsJsonObject("meta").entrySet().forEach(e -> extra.put(e.getKey(), e.getValue().getAsString()));
        }
        return Optional.of(new OperationResult(images.get(0), meta.get("x").getAsInt(), meta.get("y").getAsInt(),
                meta.get("canvasWidth").getAsInt(), meta.get("canvasHeight").getAsInt(), notices, extra,
                images.subList(1, count)));
    }

    /** Deletes a stored result; absent ones are ignored. */
    public void delete(String jobId) throws IOException {
        if (JOB_ID.matcher(jobId).matches()) {
            Files.deleteIfExists(dir.resolve(jobId + ".json"));
            for (int i = 0; i < OperationResult.MAX_IMAGES; i++) {
                Files.deleteIfExists(pixels(jobId, i));
            }
        }
    }

    /** Deletes entries older than the retention period and stray partial files; returns how many files went. */
    public int sweep() throws IOException {
        FileTime cutoff = FileTime.from(clock.instant().minus(retention));
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Image {@code index}'s file: {@code <job>.rgba} for the first, {@code <job>.<index>.rgba} after it. */
    private Path pixels(String jobId, int index) {
        return dir.resolve(jobId + (index == 0 ? "" : "." + index) + ".rgba");
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(dir, ".", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(bytes);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void checkId(String jobId) {
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("bad job id " + jobId);
        }
    }
}
