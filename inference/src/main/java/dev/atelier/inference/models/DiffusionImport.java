package dev.atelier.inference.models;

import dev.atelier.inference.diffusion.SdModelLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Imports a Stable Diffusion folder (a diffusers or optimum ONNX export, or the same parts as TensorFlow SavedModels;
 * its manifest names the format and engine, {@code onnx} or {@code tensorflow}) as one model of task
 * {@value #TASK}: the folder is described first, so a broken export is refused with its problem named instead of
 * failing at the first job; then the store copies the whole folder atomically.
 */
public final class DiffusionImport {

    /** The store task diffusion models are installed under. */
    public static final String TASK = "diffusion";

    private DiffusionImport() {}

    /** True when {@code path} looks like a diffusion export (a folder with {@code model_index.json} or {@code unet/}). */
    public static boolean looksLikeSdFolder(Path path) {
        return Files.isDirectory(path)
                && (Files.isRegularFile(path.resolve("model_index.json")) || Files.isDirectory(path.resolve("unet")));
    }

    /**
     * Checks {@code folder} and installs it as {@code id}.
     *
     * @throws ModelException one line naming what is wrong with the folder, or why the store refused it
     */
    public static ModelManifest install(ModelStore store, Path folder, String id, String licence)
            throws ModelException, IOException {
        SdModelLayout layout = SdModelLayout.describe(folder);
        if (!layout.isRunnable()) {
            throw new ModelException(folder.getFileName() + " is not a usable Stable Diffusion export: "
                    + String.join("; ", layout.problems()));
        }
        ModelFormat format = layout.format() == SdModelLayout.Format.SAVED_MODEL ? ModelFormat.SAVEDMODEL
                : ModelFormat.ONNX;
        ModelManifest draft = new ModelManifest(id, TASK, format.id(), format.engine().orElseThrow(), List.of(),
                licence,
                "imported from " + folder.toAbsolutePath().normalize() + " (" + layout.family().label()
                        + (layout.inpainting() ? ", inpainting" : "") + ")",
                new ModelManifest.Input("0..1", "NCHW", 1));
        return store.install(draft, folder);
    }
}
