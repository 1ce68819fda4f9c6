package dev.atelier.inference.engine.onnx;

import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineDescriptor;
import dev.atelier.inference.engine.EngineProvider;
import dev.atelier.inference.engine.esrgan.EsrganModels;

/**
 * Registers the ONNX Runtime engine through DJL (ESRGAN upscaling, ISNet background removal, Prep for 3D of
 * opaque images). Ranked before TensorFlow, which runs the same ESRGAN weights: ORT starts sooner on a first job.
 * Nothing native loads until the first job needs it.
 */
@EngineDescriptor(id = "onnx", name = "ONNX Runtime (DJL: ESRGAN, ISNet)",
        operations = {"upscale", "remove-background", "prep-3d"}, heavy = true, rank = 10)
public final class OnnxEngineProvider implements EngineProvider {

    @Override
    public Engine create(EngineContext context) {
        return new OnnxEngine(context, EsrganModels.defaultRoot());
    }
}
