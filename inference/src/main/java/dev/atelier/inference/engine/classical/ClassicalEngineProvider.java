package dev.atelier.inference.engine.classical;

import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineDescriptor;
import dev.atelier.inference.engine.EngineProvider;

/**
 * Registers the model-free engine: Lanczos upscaling, Canny / XDoG line detection, Prep for 3D from alpha, and
 * Retouch / Expand as a content-aware (PatchMatch) fill.
 */
@EngineDescriptor(
        id = "classical",
        name = "Classical (no model)",
        operations = {"retouch", "expand", "upscale", "detect", "prep-3d"},
        rank = 1000) // any neural engine that runs the same operation is preferred
public final class ClassicalEngineProvider implements EngineProvider {

    @Override
    public Engine create(EngineContext context) {
        return new ClassicalEngine(context.threads());
    }
}
