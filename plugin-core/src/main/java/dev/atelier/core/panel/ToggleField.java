package dev.atelier.core.panel;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/** An on/off switch. Accepts JSON booleans and the strings "true" and "false" (any case). */
public record ToggleField(String id, String label, String help, boolean defaultValue) implements Field {

    public ToggleField {
        FieldChecks.common(id, label, help);
    }

    @Override
    public JsonElement defaultJson() {
        return new JsonPrimitive(defaultValue);
    }

    @Override
    public Object coerce(JsonElement value) {
        if (value.isJsonPrimitive()) {
            JsonPrimitive p = value.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isString()) {
                String s = p.getAsString().trim();
                if (s.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                if (s.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
            }
        }
        throw Values.problem("must be true or false", value);
    }
}
