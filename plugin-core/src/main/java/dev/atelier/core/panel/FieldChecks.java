package dev.atelier.core.panel;

import java.util.Objects;
import java.util.regex.Pattern;

/** Checks shared by the field, preset and panel constructors; messages start with what is being checked. */
final class FieldChecks {

    /** Ids are lower-case words joined by '-', e.g. {@code negative-prompt}: safe for the CLI's --set key=value. */
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private FieldChecks() {}

    /** Checks an id, label and help of a field; returns nothing, throws IllegalArgumentException "field 'id': …". */
    static void common(String id, String label, String help) {
        requireId("field", id);
        requireText("field", id, "label", label);
        Objects.requireNonNull(help, () -> "field '" + id + "': help must not be null (use \"\")");
    }

    /**
     * Checks a text field (single- or multi-line): the common checks, a non-null default of at most
     * {@code maxLength} code points, and {@code maxLength} at least 1.
     */
    static void text(String id, String label, String help, String defaultValue, int maxLength) {
        common(id, label, help);
        Objects.requireNonNull(defaultValue, () -> "field '" + id + "': default must not be null");
        if (maxLength < 1) {
            throw invalid(id, "maxLength must be at least 1 (got " + maxLength + ")");
        }
        int length = defaultValue.codePointCount(0, defaultValue.length());
        if (length > maxLength) {
            throw invalid(id, "default has " + length + " characters, more than maxLength " + maxLength);
        }
    }

    static void requireId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    what + " id must be lower-case words joined by '-', e.g. 'line-weight' (got " + quote(id) + ")");
        }
    }

    static void requireText(String what, String id, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " '" + id + "': " + name + " must not be blank");
        }
    }

    /** Returns an IllegalArgumentException reading "field 'id': message". */
    static IllegalArgumentException invalid(String id, String message) {
        return new IllegalArgumentException("field '" + id + "': " + message);
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
