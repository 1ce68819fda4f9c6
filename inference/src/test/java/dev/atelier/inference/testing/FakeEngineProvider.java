package dev.atelier.inference.testing;

import dev.atelier.inference.engine.Engine;
import dev.atelier.inference.engine.EngineContext;
import dev.atelier.inference.engine.EngineDescriptor;
import dev.atelier.inference.engine.EngineProvider;

/** Provides one shared {@link FakeEngine}, so a test can steer the engine the daemon runs. */
@EngineDescriptor(id = "fake", name = "Fake engine (tests)", operations = {"img2img", "retouch"}, heavy = true,
        rank = 1)
public final class FakeEngineProvider implements EngineProvider {

    private final FakeEngine engine = new FakeEngine();

    public FakeEngine engine() {
        return engine;
    }

    @Override
    public Engine create(EngineContext context) {
        return engine;
    }
}
