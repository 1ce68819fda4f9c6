package dev.atelier.core.panel;

/**
 * One option of a {@link ChoiceField}.
 *
 * @param value the wire value, e.g. {@code precise} or {@code 2}
 * @param label what hosts show, e.g. {@code Precise} or {@code 2×}
 */
public record Choice(String value, String label) {

    public Choice {
        if (value == null || value.isBlank() || !value.strip().equals(value)) {
            throw new IllegalArgumentException(
                    "choice value must be non-blank without surrounding spaces (got " + (value == null ? "null" : "'" + value + "'") + ")");
        }
        FieldChecks.requireText("choice", value, "label", label);
    }
}
