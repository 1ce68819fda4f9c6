package dev.atelier.inference.engine.onnx;

import dev.atelier.inference.models.ModelManifest;
import dev.atelier.inference.models.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the installed ISNet background-removal model in the model store: model {@value #ID} (as {@code atelier
 * models install isnet} names it), task {@code remove-background}, engine {@code onnx}, holding {@link #MODEL_FILE}.
 */
public final class IsnetModels {

    /** The catalogue and store id. */
    public static final String ID = "isnet";
    /** The ONNX file in the model's folder. */
    public static final String MODEL_FILE = "model.onnx";
    /** What to tell the user when it is missing. */
    public static final String INSTALL_HINT = "atelier models install isnet --accept-licence";

    private IsnetModels() {}

    /** Returns the model file when ISNet is installed under {@code root}. */
    public static Optional<Path> find(Path root) {
        List<ModelManifest> manifests;
        try {
            manifests = Files.isDirectory(root) ? new ModelStore(root).forTask("remove-background") : List.of();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return manifests.stream().filter(m -> m.id().equals(ID) && "onnx".equals(m.engine()))
                .map(m -> root.resolve(m.id()).resolve(MODEL_FILE)).filter(Files::isRegularFile).findFirst();
    }
}
