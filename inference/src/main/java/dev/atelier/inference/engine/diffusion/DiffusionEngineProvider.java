package dev.atelier.inference.engine.diffusion;

import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineDescriptor;
import dev.atelier.inference.engine.EngineProvider;
import dev.atelier.inference.models.ModelStore;
import java.nio.file.Path;

/**
 * Registers Stable Diffusion (ONNX Runtime through DJL) for Img2Img, Retouch, Expand and the refinement of Upscale
 * Balanced and Creative. Ranked before the classical fill and the ESRGAN engines, which then answer Retouch, Expand
 * and Upscale only while no diffusion model is installed (and Upscale Precise always).
 */
@EngineDescriptor(id = "diffusion", name = "Stable Diffusion (ONNX Runtime)",
        operations = {"img2img", "retouch", "expand", "upscale"}, heavy = true, rank = 5)
public final class DiffusionEngineProvider implements EngineProvider {

    private final Path storeRoot;

    public DiffusionEngineProvider() {
        this(null);
    }

    /** A provider looking in the store at {@code storeRoot} ({@code null}: the user's store). */
    public DiffusionEngineProvider(Path storeRoot) {
        this.storeRoot = storeRoot;
    }

    @Override
    public Engine create(EngineContext context) {
        return new DiffusionEngine(context, storeRoot == null ? ModelStore.current().root() : storeRoot);
    }
}
