package dev.atelier.core.panel;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.Objects;

/**
 * A multi-line text input, e.g. a prompt. Accepts JSON strings of at most {@code maxLength} characters (code points).
 *
 * @param defaultValue the initial text, often empty
 * @param maxLength the most characters a value may have, at least 1
 */
public record MultilineTextField(String id, String label, String help, String defaultValue, int maxLength) implements Field {

    public MultilineTextField {
        FieldChecks.common(id, label, help);
        Objects.requireNonNull(defaultValue, () -> "field '" + id + "': default must not be null");
        if (maxLength < 1) {
            throw FieldChecks.invalid(id, "maxLength must be at least 1 (got " + maxLength + ")");
        }
        int length = defaultValue.codePointCount(0, defaultValue.length());
        if (length > maxLength) {
            throw FieldChecks.invalid(id, "default has " + length + " characters, more than maxLength " + maxLength);
        }
    }

    @Override
    public JsonElement defaultJson() {
        return new JsonPrimitive(defaultValue);
    }

    @Override
    public Object coerce(JsonElement value) {
        return Values.text(value, maxLength);
    }
}
