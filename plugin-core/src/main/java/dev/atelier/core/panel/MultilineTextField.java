package dev.atelier.core.panel;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/**
 * A multi-line text input, e.g. a prompt. Accepts JSON strings of at most {@code maxLength} characters (code points).
 *
 * @param defaultValue the initial text, often empty
 * @param maxLength the most characters a value may have, at least 1
 */
public record MultilineTextField(String id, String label, String help, String defaultValue, int maxLength)
        implements Field {

    public MultilineTextField {
        FieldChecks.text(id, label, help, defaultValue, maxLength);
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
