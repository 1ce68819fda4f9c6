package dev.atelier.inference.engine.onnx;

import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds installed ESRGAN models in the model store: one store model per family and scale, {@code <family>-x<s>}
 * (e.g. {@code esrgan-slim-x4}), task {@code upscale}, engine {@code onnx}, holding {@link #MODEL_FILE}.
 */
public final class EsrganModels {

    /** Model families (catalogue ids) from lightest to heaviest. */
    public static final List<String> IDS = List.of("esrgan-slim", "esrgan-medium", "esrgan-thick");
    /** The ONNX file in each installed scale's folder. */
    public static final String MODEL_FILE = "model.onnx";
    /** The folder holding the package's fixture.png and result.png beside the model. */
    public static final String SAMPLES = "samples";

    private static final Pattern ID = Pattern.compile("(esrgan-(?:slim|medium|thick))-x(\\d+)");

    /** One installed family: its scales (scale → .onnx file) and input/output value range maximum (1 or 255). */
    public record Installed(String id, TreeMap<Integer, Path> files, float rangeMax) {}

    private EsrganModels() {}

    /** The store folder of this process ({@code $ATELIER_MODELS}, configuration, or the user's data folder). */
    public static Path defaultRoot() {
        return ModelStore.current().root();
    }

    /** Returns family {@code id} when at least one of its scales is installed under {@code root}. */
    public static Optional<Installed> find(Path root, String id) {
        return installed(root).stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Returns the installed families under {@code root}, lightest first. */
    public static List<Installed> installed(Path root) {
        List<ModelManifest> manifests;
        try {
            manifests = Files.isDirectory(root) ? new ModelStore(root).forTask("upscale") : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<Installed> out = new ArrayList<>();
        for (String family : IDS) {
            TreeMap<Integer, Path> files = new TreeMap<>();
            float max = 255f;
            for (ModelManifest m : manifests) {
                Matcher id = ID.matcher(m.id());
                Path file = root.resolve(m.id()).resolve(MODEL_FILE);
                if (id.matches() && id.group(1).equals(family) && "onnx".equals(m.engine())
                        && Files.isRegularFile(file)) {
                    files.put(Integer.parseInt(id.group(2)), file);
                    max = m.input() != null && "0..1".equals(m.input().range()) ? 1f : 255f;
                }
            }
            if (!files.isEmpty()) {
                out.add(new Installed(family, files, max));
            }
        }
        return out;
    }
}
