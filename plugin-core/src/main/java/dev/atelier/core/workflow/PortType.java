package dev.atelier.core.workflow;

import dev.atelier.core.operation.WireId;
import java.util.Optional;

/** What flows along an edge: an RGBA image, or a gray mask (0 keep, 255 edit). */
public enum PortType implements WireId {
    IMAGE("image"),
    MASK("mask");

    private final String id;

    PortType(String id) {
        this.id = id;
    }

    /** Returns the JSON name, {@code image} or {@code mask}. */
    @Override
    public String id() {
        return id;
    }

    public static Optional<PortType> byId(String id) {
        return WireId.find(PortType.class, id);
    }
}
