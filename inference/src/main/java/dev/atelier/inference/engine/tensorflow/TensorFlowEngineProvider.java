package dev.atelier.inference.engine.tensorflow;

import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineDescriptor;
import dev.atelier.inference.engine.EngineProvider;
import dev.atelier.inference.engine.esrgan.EsrganModels;

/**
 * Registers the TensorFlow engine (through DJL; SavedModel ESRGAN upscaling). Ranked after ONNX Runtime, so it
 * runs when only SavedModel conversions are installed; nothing native loads until the first job needs it.
 */
@EngineDescriptor(id = "tensorflow", name = "TensorFlow (DJL)", operations = {"upscale"}, heavy = true, rank = 20)
public final class TensorFlowEngineProvider implements EngineProvider {

    @Override
    public Engine create(EngineContext context) {
        return new TensorFlowEngine(context, EsrganModels.defaultRoot());
    }
}
