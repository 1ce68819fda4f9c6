package dev.atelier.core.operation;

import java.util.Optional;

/** The operations Atelier offers, by stable wire id. */
public enum Operation implements WireId {
    IMG2IMG("img2img", "Img2Img", false),
    RETOUCH("retouch", "Retouch", true),
    EXPAND("expand", "Expand", false),
    UPSCALE("upscale", "Upscale", false),
    REMOVE_BACKGROUND("remove-background", "Remove background", false),
    DETECT("detect", "Detect", false),
    PREP_3D("prep-3d", "Prep for 3D", false),
    /** A workflow published as an App: its panel's id names the workflow; the daemon runs it node by node. */
    WORKFLOW("workflow", "Workflow", false);

    private final String id;
    private final String title;
    private final boolean needsMask;

    Operation(String id, String title, boolean needsMask) {
        this.id = id;
        this.title = title;
        this.needsMask = needsMask;
    }

    /** Returns the wire id, e.g. {@code remove-background}. */
    @Override
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** Returns true when a request must come with a mask (the host's selection). */
    public boolean needsMask() {
        return needsMask;
    }

    public static Optional<Operation> byId(String id) {
        return WireId.find(Operation.class, id);
    }
}
