package dev.atelier.core.operation;

import java.util.Optional;

/** An enum constant with a stable id used on the wire, in panels and on the command line. */
public interface WireId {

    String id();

    /** Returns the constant of {@code type} whose id matches {@code id} (ignoring case), or empty. */
    static <E extends Enum<E> & WireId> Optional<E> find(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equalsIgnoreCase(id)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
