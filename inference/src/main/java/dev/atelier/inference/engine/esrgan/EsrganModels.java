package dev.atelier.inference.engine.esrgan;

import dev.atelier.inference.engine.djl.DjlRuntime;
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
 * Finds installed ESRGAN models in the model store. Each family is installed once per scale and format:
 * {@code <family>-x<s>} holds {@link #ONNX_FILE} (engine {@code onnx}, NCHW) and {@code <family>-x<s>-savedmodel}
 * holds the {@link #SAVED_MODEL_DIR} folder (engine {@code tensorflow}, NHWC) — the same weights, converted twice.
 * Which runtime runs a model is read from its manifest's {@code engine}.
 */
public final class EsrganModels {

    /** Model families (catalogue ids) from lightest to heaviest. */
    public static final List<String> IDS = List.of("esrgan-slim", "esrgan-medium", "esrgan-thick");
    /** The ONNX file in an ONNX model's folder. */
    public static final String ONNX_FILE = "model.onnx";
    /** The SavedModel folder in a TensorFlow model's folder. */
    public static final String SAVED_MODEL_DIR = "savedmodel";
    /** The folder holding the package's fixture.png and result.png beside the model. */
    public static final String SAMPLES = "samples";
    /** The id suffix of the SavedModel conversions. */
    public static final String SAVED_MODEL_SUFFIX = "-savedmodel";

    private static final Pattern ID = Pattern.compile("(esrgan-(?:slim|medium|thick))-x(\\d+)(-savedmodel)?");

    /**
     * One installed family on one runtime: its scales (scale → model path), input/output value range maximum
     * (1 or 255) and tensor layout ({@code NCHW} or {@code NHWC}).
     */
    public record Installed(String id, TreeMap<Integer, Path> files, float rangeMax, String layout) {

        /** The store folder of the scale-{@code s} model (manifest, samples): the model file's or folder's parent. */
        public Path folder(int scale) {
            return files.get(scale).getParent();
        }
    }

    private EsrganModels() {}

    /** The store folder of this process ({@code $ATELIER_MODELS}, configuration, or the user's data folder). */
    public static Path defaultRoot() {
        return ModelStore.current().root();
    }

    /** The store id of family {@code family} at {@code scale} converted for {@code runtime}. */
    public static String storeId(String family, int scale, DjlRuntime runtime) {
        return family + "-x" + scale + (runtime == DjlRuntime.TENSORFLOW ? SAVED_MODEL_SUFFIX : "");
    }

    /** Returns family {@code id} on {@code runtime} when at least one of its scales is installed under {@code root}. */
    public static Optional<Installed> find(Path root, String id, DjlRuntime runtime) {
        return installed(root, runtime).stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Returns the families installed under {@code root} for {@code runtime}, lightest first. */
    public static List<Installed> installed(Path root, DjlRuntime runtime) {
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
            String layout = runtime == DjlRuntime.TENSORFLOW ? "NHWC" : "NCHW";
            for (ModelManifest m : manifests) {
                Matcher id = ID.matcher(m.id());
                if (!id.matches() || !id.group(1).equals(family) || !runtime.engineId().equals(m.engine())) {
                    continue;
                }
                Path model = root.resolve(m.id()).resolve(runtime == DjlRuntime.TENSORFLOW ? SAVED_MODEL_DIR
                        : ONNX_FILE);
                if (Files.exists(model)) {
                    files.put(Integer.parseInt(id.group(2)), model);
                    max = m.input() != null && "0..1".equals(m.input().range()) ? 1f : 255f;
                    if (m.input() != null && m.input().layout() != null) {
                        layout = m.input().layout();
                    }
                }
            }
            if (!files.isEmpty()) {
                out.add(new Installed(family, files, max, layout));
            }
        }
        return out;
    }
}
