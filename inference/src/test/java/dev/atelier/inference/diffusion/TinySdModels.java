package dev.atelier.inference.diffusion;

import dev.atelier.inference.models.DiffusionImport;
import dev.atelier.inference.models.ModelStore;
import java.nio.file.Path;

/** {@link TinySd} folders for tests outside this package: written, or installed into a model store. */
public final class TinySdModels {

    private TinySdModels() {}

    /** Writes a tiny SD 1.x ONNX folder (9-channel UNet when {@code inpainting}) into {@code dir}. */
    public static Path write(Path dir, boolean inpainting) {
        return write(dir, inpainting, false);
    }

    /** Writes a tiny SD 1.x folder, of SavedModels when {@code savedModel}, else of ONNX files. */
    public static Path write(Path dir, boolean inpainting, boolean savedModel) {
        TinySd sd = new TinySd().k(0.5f).savedModel(savedModel);
        sd.inpainting = inpainting;
        return sd.write(dir);
    }

    /** Writes a tiny SDXL ONNX folder (two text encoders, UNet with text_embeds and time_ids) into {@code dir}. */
    public static Path writeXl(Path dir) {
        TinySd sd = new TinySd().k(0.5f);
        sd.sdxl = true;
        return sd.write(dir);
    }

    /** Writes a tiny SDXL ONNX folder next to the store and imports it as {@code id}; returns the store root. */
    public static Path installXl(Path root, String id) throws Exception {
        Path folder = writeXl(root.resolveSibling(root.getFileName() + "-src-" + id));
        DiffusionImport.install(new ModelStore(root), folder, id, "test");
        return root;
    }

    /** Writes a tiny ONNX folder next to the store and imports it as {@code id}; returns the store root. */
    public static Path install(Path root, String id, boolean inpainting) throws Exception {
        return install(root, id, inpainting, false);
    }

    /** Writes a tiny folder (SavedModels when {@code savedModel}) next to the store and imports it as {@code id}. */
    public static Path install(Path root, String id, boolean inpainting, boolean savedModel) throws Exception {
        Path folder = write(root.resolveSibling(root.getFileName() + "-src-" + id), inpainting, savedModel);
        DiffusionImport.install(new ModelStore(root), folder, id, "test");
        return root;
    }
}
