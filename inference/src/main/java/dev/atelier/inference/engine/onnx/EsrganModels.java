package dev.atelier.inference.engine.onnx;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds installed ESRGAN models: a folder per model id under the models root ({@code $ATELIER_MODELS}, else
 * {@code ~/.local/share/atelier/models}) holding {@code manifest.json} and one {@code .onnx} file per scale.
 * The manifest is minimal JSON: {@code id}, {@code task} ("upscale"), {@code format} ("onnx"), {@code valueRange}
 * ([0,255] or [0,1]), {@code files} ([{path, scale, sha256}]).
 */
public final class EsrganModels {

    /** Model ids from lightest to heaviest. */
    public static final List<String> IDS = List.of("esrgan-slim", "esrgan-medium", "esrgan-thick");

    /** One installed model: its scales (scale → .onnx file) and input/output value range maximum (1 or 255). */
    public record Installed(String id, TreeMap<Integer, Path> files, float rangeMax) {}

    private EsrganModels() {}

    /** Returns the models root: {@code $ATELIER_MODELS} or {@code ~/.local/share/atelier/models}. */
    public static Path defaultRoot() {
        String env = System.getenv("ATELIER_MODELS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String data = System.getenv("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() ? Path.of(data)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("atelier").resolve("models");
    }

    /** Returns model {@code id} when installed under {@code root} with a readable manifest and all its files. */
    public static Optional<Installed> find(Path root, String id) {
        Path dir = root.resolve(id);
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            JsonObject m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
            if (!"upscale".equals(m.get("task").getAsString()) || !"onnx".equals(m.get("format").getAsString())) {
                return Optional.empty();
            }
            TreeMap<Integer, Path> files = new TreeMap<>();
            for (JsonElement f : m.getAsJsonArray("files")) {
                JsonObject o = f.getAsJsonObject();
                Path p = dir.resolve(o.get("path").getAsString()).normalize();
                if (!p.startsWith(dir) || !Files.isRegularFile(p) || !o.has("scale")) {
                    return Optional.empty();
                }
                files.put(o.get("scale").getAsInt(), p);
            }
            float max = m.getAsJsonArray("valueRange").get(1).getAsFloat();
            return files.isEmpty() ? Optional.empty() : Optional.of(new Installed(id, files, max));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Returns the installed models under {@code root}, lightest first. */
    public static List<Installed> installed(Path root) {
        List<Installed> out = new ArrayList<>();
        for (String id : IDS) {
            find(root, id).ifPresent(out::add);
        }
        return out;
    }
}
