package dev.atelier.inference.engine.djl;

/** The two DJL engines Atelier runs models on, with the name DJL knows each by and the manifest's engine id. */
public enum DjlRuntime {
    ONNX_RUNTIME("OnnxRuntime", "onnx", "ONNX Runtime"),
    TENSORFLOW("TensorFlow", "tensorflow", "TensorFlow");

    private final String djlName;
    private final String engineId;
    private final String label;

    DjlRuntime(String djlName, String engineId, String label) {
        this.djlName = djlName;
        this.engineId = engineId;
        this.label = label;
    }

    /** The name DJL registers the engine under ({@code Engine.getEngine(name)}). */
    public String djlName() {
        return djlName;
    }

    /** The {@code engine} value of the manifests of models this runtime runs. */
    public String engineId() {
        return engineId;
    }

    /** A name for people, e.g. in notices. */
    public String label() {
        return label;
    }
}
