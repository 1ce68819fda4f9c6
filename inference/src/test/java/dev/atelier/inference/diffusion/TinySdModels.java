package dev.atelier.inference.diffusion;

import dev.atelier.inference.models.DiffusionImport;
import dev.atelier.inference.models.ModelStore;
import java.nio.file.Path;

/** {@link TinySd} folders for tests outside this package: written, or installed into a model store. */
public final class TinySdModels {

    private TinySdModels() {}

    /** Writes a tiny SD 1.x folder (9-channel UNet when {@code inpainting}) into {@code dir}. */
    public static Path write(Path dir, boolean inpainting) {
        TinySd sd = new TinySd().k(0.5f);
        sd.inpainting = inpainting;
        return sd.write(dir);
    }

    /** Writes a tiny folder next to the store and imports it as {@code id}; returns the store root. */
    public static Path install(Path root, String id, boolean inpainting) throws Exception {
        Path folder = write(root.resolveSibling(root.getFileName() + "-src-" + id), inpainting);
        DiffusionImport.install(new ModelStore(root), folder, id, "test");
        return root;
    }
}
