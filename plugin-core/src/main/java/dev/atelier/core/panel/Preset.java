package dev.atelier.core.panel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named set of field values, e.g. Detect's "Fine lines" = {mode: lineart, line-weight: 0.5}. Applying a preset
 * sets those fields and leaves the others as they are. The {@link PanelDescriptor} holding a preset checks that it
 * names only its fields, with valid values, and stores the values in canonical form (see {@link Field#coerce}).
 *
 * @param values field id to value: strings, numbers or booleans; ordered as given
 */
public record Preset(String id, String label, Map<String, Object> values) {

    public Preset {
        FieldChecks.requireId("preset", id);
        FieldChecks.requireText("preset", id, "label", label);
        Objects.requireNonNull(values, () -> "preset '" + id + "': values must not be null");
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((field, value) -> {
            if (field == null) {
                throw new IllegalArgumentException("preset '" + id + "': field ids must not be null");
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("preset '" + id + "': field '" + field
                        + "': values must be strings, numbers or booleans (got "
                        + (value == null ? "null" : value.getClass().getSimpleName()) + ")");
            }
            copy.put(field, value);
        });
        values = Collections.unmodifiableMap(copy);
    }
}
