package dev.atelier.inference.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps DJL's log (routed into java.util.logging) to what a user can act on. DJL warns about things that are normal
 * for Atelier — no CUDA driver on a CPU machine, a model given as a plain file, ORT's optional extensions — and
 * logs every start at INFO; Atelier logs its own one line per engine start instead.
 */
final class EngineLogging {

    // Strong references: java.util.logging holds loggers weakly, and a collected logger forgets its level.
    private static final List<Logger> TUNED = List.of(
            level("ai.djl", Level.WARNING),
            level("ai.djl.util.cuda", Level.SEVERE),
            level("ai.djl.repository", Level.SEVERE),
            level("ai.djl.onnxruntime.engine.OrtEngine", Level.SEVERE));

    private EngineLogging() {}

    static void quietDjl() {
        TUNED.size(); // loads the class, which sets the levels
    }

    private static Logger level(String name, Level level) {
        Logger l = Logger.getLogger(name);
        l.setLevel(level);
        return l;
    }
}
