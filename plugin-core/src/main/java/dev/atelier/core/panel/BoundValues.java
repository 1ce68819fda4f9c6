package dev.atelier.core.panel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A panel's validated values, with typed getters for its {@link PanelBinder}. Every field has a value (missing
 * ones took their defaults) except fields whose received value was invalid: those are absent ({@link #has}), so
 * cross-field rules can skip them. Asking for an absent field, or with the wrong getter for its type, is a
 * programming error ({@link IllegalStateException}).
 */
public final class BoundValues {

    private final PanelDescriptor descriptor;
    private final Map<String, Object> values;

    BoundValues(PanelDescriptor descriptor, Map<String, Object> values) {
        this.descriptor = descriptor;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Returns true when the field exists and its value is valid. */
    public boolean has(String id) {
        return values.containsKey(id);
    }

    /** Returns an integer slider's value, or a choice's whose values are whole numbers (upscale's factor). */
    public int integer(String id) {
        Object v = value(id);
        Field f = field(id);
        if (f instanceof SliderField s && s.isInteger()) {
            return Math.toIntExact((Long) v);
        }
        if (f instanceof ChoiceField) {
            try {
                return Integer.parseInt((String) v);
            } catch (NumberFormatException e) {
                throw wrongType(id, "an integer");
            }
        }
        throw wrongType(id, "an integer");
    }

    /** Returns a slider's value. */
    public double decimal(String id) {
        return ((Number) expect(id, SliderField.class, "a number")).doubleValue();
    }

    /** Returns a text or multiline text field's value. */
    public String text(String id) {
        Object v = value(id);
        if (field(id) instanceof TextField || field(id) instanceof MultilineTextField) {
            return (String) v;
        }
        throw wrongType(id, "text");
    }

    /** Returns a choice field's value (a {@link Choice#value()}). */
    public String choice(String id) {
        return (String) expect(id, ChoiceField.class, "a choice");
    }

    /**
     * Returns a choice field's value looked up with {@code byId}, e.g. {@code choice("preset", UpscalePreset::byId)}.
     */
    public <T> T choice(String id, Function<String, Optional<T>> byId) {
        String value = choice(id);
        return byId.apply(value).orElseThrow(() -> new IllegalStateException(
                "panel '" + descriptor.id() + "': field '" + id + "': no match for choice '" + value + "'"));
    }

    /** Returns a toggle's value. */
    public boolean toggle(String id) {
        return (Boolean) expect(id, ToggleField.class, "a toggle");
    }

    /** Returns a seed field's value; -1 means random. */
    public long seed(String id) {
        return (Long) expect(id, SeedField.class, "a seed");
    }

    /** Returns a source field's value. */
    public SourceKind source(String id) {
        return SourceKind.byId((String) expect(id, SourceField.class, "a source")).orElseThrow();
    }

    /** Returns every valid value in canonical form (see {@link Field#coerce}), in field order. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object expect(String id, Class<? extends Field> type, String what) {
        Object v = value(id);
        if (!type.isInstance(field(id))) {
            throw wrongType(id, what);
        }
        return v;
    }

    private Object value(String id) {
        Object v = values.get(id);
        if (v == null) {
            field(id);
            throw new IllegalStateException(
                    "panel '" + descriptor.id() + "': field '" + id + "' has no valid value");
        }
        return v;
    }

    private Field field(String id) {
        return descriptor.field(id).orElseThrow(() -> new IllegalStateException(
                "panel '" + descriptor.id() + "' has no field '" + id + "'"));
    }

    private IllegalStateException wrongType(String id, String what) {
        return new IllegalStateException("panel '" + descriptor.id() + "': field '" + id + "' is a "
                + field(id).getClass().getSimpleName() + ", not " + what);
    }
}
