package dev.atelier.inference.models;

import java.util.Optional;

/** The on-disk formats Atelier recognises, with the engine that runs each (none: convert it first). */
public enum ModelFormat {
    ONNX("onnx", "onnx"),
    SAVEDMODEL("savedmodel", "tensorflow"),
    TFJS_LAYERS("tfjs-layers", null),
    SAFETENSORS("safetensors", null);

    private final String id;
    private final String engine;

    ModelFormat(String id, String engine) {
        this.id = id;
        this.engine = engine;
    }

    /** The name used in manifests and on the command line. */
    public String id() {
        return id;
    }

    /** The engine that runs this format directly, or empty when it has to be converted first. */
    public Optional<String> engine() {
        return Optional.ofNullable(engine);
    }

    public static Optional<ModelFormat> of(String id) {
        for (ModelFormat f : values()) {
            if (f.id.equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
