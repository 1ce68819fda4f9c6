package dev.atelier.inference.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes an engine on its {@link EngineProvider} class, so the daemon can list engines and route operations
 * without loading or instantiating them (a broken or heavy engine costs nothing until a job needs it).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EngineDescriptor {

    /** Stable id, e.g. {@code classical}, {@code onnx}. */
    String id();

    /** Human name shown by {@code atelier status}. */
    String name();

    /** Operation ids ({@code upscale}, {@code detect}, …) this engine can run, at least for some parameters. */
    String[] operations();

    /**
     * True when jobs hold a large model (GPU/RAM): such jobs run one at a time, while light CPU jobs run
     * alongside.
     */
    boolean heavy() default false;

    /** Preference when several engines run the same operation: lower wins. */
    int rank() default 100;
}
