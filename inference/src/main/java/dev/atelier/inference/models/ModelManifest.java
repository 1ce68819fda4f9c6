package dev.atelier.inference.models;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A model's {@code manifest.json}: what it is, which engine runs it, its files with their checksums, where it
 * came from and how its input is expected. Read and written with gson; {@link #validate()} says exactly what is
 * wrong.
 *
 * @param files paths relative to the model folder, with sha256 (lower-case hex) and size in bytes
 * @param input value range, tensor layout and scale factor the model expects
 */
public record ModelManifest(
        String id,
        String task,
        String format,
        String engine,
        List<FileEntry> files,
        String licence,
        String source,
        Input input) {

    /** The file every model folder holds. */
    public static final String FILE_NAME = "manifest.json";

    /** Tasks an engine may look a model up by. */
    public static final Set<String> TASKS = Set.of("upscale", "remove-background", "diffusion", "detect", "inpaint");

    static final Set<String> ENGINES = Set.of("onnx", "tensorflow");
    static final Set<String> RANGES = Set.of("0..1", "0..255");
    static final Set<String> LAYOUTS = Set.of("NCHW", "NHWC");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** One file of a model. */
    public record FileEntry(String path, String sha256, long size) {}

    /** How a model wants its input: {@code range} 0..1 or 0..255, {@code layout} NCHW or NHWC, {@code scale} ≥ 1. */
    public record Input(String range, String layout, int scale) {}

    public ModelManifest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Returns a copy with {@code files} replaced. */
    public ModelManifest withFiles(List<FileEntry> newFiles) {
        return new ModelManifest(id, task, format, engine, newFiles, licence, source, input);
    }

    /** Returns a copy with {@code id} replaced. */
    public ModelManifest withId(String newId) {
        return new ModelManifest(newId, task, format, engine, files, licence, source, input);
    }

    /** Whether {@code id} is a valid model id (lower case letters, digits, '.', '_', '-'; at most 64). */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Throws with the first problem found, worded for the user. */
    public void validate() throws ModelException {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new ModelException("invalid manifest" + (validId(id) ? " for '" + id + "'" : "") + ": "
                    + problems.get(0));
        }
    }

    /** Every problem, in field order; empty when the manifest is valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (id == null || id.isBlank()) {
            p.add("id is missing");
        } else if (!validId(id)) {
            p.add("id '" + id + "' must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit");
        }
        if (task == null || task.isBlank()) {
            p.add("task is missing");
        } else if (!TASKS.contains(task)) {
            p.add("task '" + task + "' is not one of " + sorted(TASKS));
        }
        if (format == null || format.isBlank()) {
            p.add("format is missing");
        } else if (ModelFormat.of(format).isEmpty()) {
            p.add("format '" + format + "' is not one of onnx, savedmodel, tfjs-layers, safetensors");
        }
        if (engine == null || engine.isBlank()) {
            p.add("engine is missing");
        } else if (!ENGINES.contains(engine)) {
            p.add("engine '" + engine + "' is not one of " + sorted(ENGINES));
        } else {
            ModelFormat.of(format).ifPresent(f -> {
                if (!f.engine().map(engine::equals).orElse(false)) {
                    p.add("engine '" + engine + "' cannot run format '" + format + "'"
                            + f.engine().map(e -> " (use '" + e + "')").orElse(" (convert it to onnx first)"));
                }
            });
        }
        if (files.isEmpty()) {
            p.add("files is empty");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (FileEntry f : files) {
            if (f == null || f.path() == null || f.path().isBlank()) {
                p.add("a file has no path");
                continue;
            }
            String path = f.path();
            if (path.startsWith("/") || path.contains("\\") || List.of(path.split("/")).contains("..")
                    || List.of(path.split("/")).contains(".")) {
                p.add("file path '" + path + "' must be relative, with '/' and no '.' or '..' parts");
            } else if (path.equals(FILE_NAME)) {
                p.add("file path '" + path + "' is reserved for the manifest");
            } else if (!seen.add(path)) {
                p.add("file '" + path + "' is listed twice");
            }
            if (f.sha256() == null || !SHA256.matcher(f.sha256()).matches()) {
                p.add("file '" + path + "' needs a sha256 of 64 lower-case hex digits");
            }
            if (f.size() < 0) {
                p.add("file '" + path + "' has a negative size");
            }
        }
        if (licence == null || licence.isBlank()) {
            p.add("licence is missing");
        }
        if (source == null || source.isBlank()) {
            p.add("source is missing");
        }
        if (input == null) {
            p.add("input is missing");
        } else {
            if (!RANGES.contains(input.range())) {
                p.add("input.range '" + input.range() + "' is not one of 0..1, 0..255");
            }
            if (!LAYOUTS.contains(input.layout())) {
                p.add("input.layout '" + input.layout() + "' is not one of NCHW, NHWC");
            }
            if (input.scale() < 1) {
                p.add("input.scale must be 1 or more, got " + input.scale());
            }
        }
        return p;
    }

    /** The manifest as pretty-printed JSON. */
    public String toJson() {
        return GSON.toJson(this);
    }

    /** Parses {@code json}; malformed JSON is a {@link ModelException} naming {@code where}. */
    public static ModelManifest fromJson(String json, String where) throws ModelException {
        try {
            ModelManifest m = GSON.fromJson(json, ModelManifest.class);
            if (m == null) {
                throw new ModelException(where + " is empty");
            }
            return m;
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ModelException(where + " is not a valid manifest: " + why.lines().findFirst().orElse(why));
        }
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", new java.util.TreeSet<>(s));
    }
}
