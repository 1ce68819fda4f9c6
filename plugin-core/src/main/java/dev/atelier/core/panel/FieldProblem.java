package dev.atelier.core.panel;

import java.util.Objects;

/**
 * What is wrong with one received value.
 *
 * @param field the field id as received (for an unknown field, the unknown name)
 * @param message the problem, e.g. {@code must be one of 2, 4, 8 (got 3)}
 */
public record FieldProblem(String field, String message) {

    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** Returns "field: message". */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
