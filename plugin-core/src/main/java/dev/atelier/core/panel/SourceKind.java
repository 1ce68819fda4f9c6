package dev.atelier.core.panel;

import java.util.Optional;

/** Where a host takes pixels from for a {@link SourceField}. */
public enum SourceKind {
    /** The active layer. */
    LAYER("layer"),
    /** The current selection, as a mask. */
    SELECTION("selection"),
    /** The visible (flattened) image. */
    VISIBLE("visible");

    private final String id;

    SourceKind(String id) {
        this.id = id;
    }

    /** Returns the wire id, e.g. {@code selection}. */
    public String id() {
        return id;
    }

    /** Looks a kind up by wire id, ignoring case. */
    public static Optional<SourceKind> byId(String id) {
        for (SourceKind k : values()) {
            if (k.id.equalsIgnoreCase(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
