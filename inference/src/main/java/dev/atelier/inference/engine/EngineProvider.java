package dev.atelier.inference.engine;

/**
 * The service-provider entry point of an engine, found through {@link java.util.ServiceLoader} (list the class
 * in {@code META-INF/services/dev.atelier.inference.engine.EngineProvider}) and annotated with
 * {@link EngineDescriptor}. The public no-argument constructor must be cheap: heavy work belongs in
 * {@link #create}, which the daemon calls on the first job that needs the engine.
 */
public interface EngineProvider {

    /** Creates the engine: loads natives, opens models. Called at most once per daemon unless it fails. */
    Engine create(EngineContext context) throws Exception;
}
