package dev.atelier.core.operation;

import java.util.Optional;

/** The maps Detect can make (ControlNet-style conditioning images). */
public enum DetectMode implements WireId {
    CANNY("canny", "Edges (Canny)"),
    LINEART("lineart", "Line art"),
    DEPTH("depth", "Depth"),
    NORMAL("normal", "Normal map"),
    POSE("pose", "Pose"),
    SEGMENTATION("segmentation", "Segmentation");

    private final String id;
    private final String label;

    DetectMode(String id, String label) {
        this.id = id;
        this.label = label;
    }

    @Override
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<DetectMode> byId(String id) {
        return WireId.find(DetectMode.class, id);
    }
}
