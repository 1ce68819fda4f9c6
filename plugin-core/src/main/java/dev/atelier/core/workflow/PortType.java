package dev.atelier.core.workflow;

import java.util.Optional;

/** What flows along an edge: an RGBA image, or a gray mask (0 keep, 255 edit). */
public enum PortType {
    IMAGE("image"),
    MASK("mask");

    private final String id;

    PortType(String id) {
        this.id = id;
    }

    /** Returns the JSON name, {@code image} or {@code mask}. */
    public String id() {
        return id;
    }

    public static Optional<PortType> byId(String id) {
        for (PortType t : values()) {
            if (t.id.equals(id)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
