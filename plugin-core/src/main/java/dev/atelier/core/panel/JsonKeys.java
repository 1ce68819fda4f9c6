package dev.atelier.core.panel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/**
 * Reads typed keys of one JSON object, failing with {@link IllegalArgumentException}s that say where:
 * {@code panel 'upscale': field 'factor': missing key 'choices'}.
 */
final class JsonKeys {

    private final JsonObject object;
    private final String where;

    JsonKeys(JsonObject object, String where) {
        this.object = object;
        this.where = where;
    }

    /** Returns a reader for an object inside this one, e.g. {@code choice #2}. */
    JsonKeys nested(JsonObject inner, String what) {
        return new JsonKeys(inner, where + ": " + what);
    }

    /** Returns "where: message" as an exception. */
    IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(where + ": " + message);
    }

    String string(String key) {
        JsonPrimitive p = primitive(key, "a string");
        if (!p.isString()) {
            throw wrongType(key, "a string", p);
        }
        return p.getAsString();
    }

    /** Returns the string at {@code key}, or {@code fallback} when the key is absent or null. */
    String optionalString(String key, String fallback) {
        JsonElement e = object.get(key);
        return e == null || e.isJsonNull() ? fallback : string(key);
    }

    double number(String key) {
        JsonPrimitive p = primitive(key, "a number");
        if (!p.isNumber()) {
            throw wrongType(key, "a number", p);
        }
        return p.getAsDouble();
    }

    long wholeNumber(String key) {
        JsonPrimitive p = primitive(key, "a whole number");
        try {
            if (p.isNumber()) {
                return new BigDecimal(p.getAsString()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through
        }
        throw wrongType(key, "a whole number", p);
    }

    int integer(String key) {
        long n = wholeNumber(key);
        if (n != (int) n) {
            throw fail("key '" + key + "' is out of range (got " + n + ")");
        }
        return (int) n;
    }

    boolean bool(String key) {
        JsonPrimitive p = primitive(key, "true or false");
        if (!p.isBoolean()) {
            throw wrongType(key, "true or false", p);
        }
        return p.getAsBoolean();
    }

    JsonArray array(String key) {
        JsonElement e = required(key);
        if (!e.isJsonArray()) {
            throw wrongType(key, "an array", e);
        }
        return e.getAsJsonArray();
    }

    /** Returns the array at {@code key}, or an empty one when the key is absent or null. */
    JsonArray optionalArray(String key) {
        JsonElement e = object.get(key);
        return e == null || e.isJsonNull() ? new JsonArray() : array(key);
    }

    JsonObject object(String key) {
        JsonElement e = required(key);
        if (!e.isJsonObject()) {
            throw wrongType(key, "an object", e);
        }
        return e.getAsJsonObject();
    }

    private JsonPrimitive primitive(String key, String what) {
        JsonElement e = required(key);
        if (!e.isJsonPrimitive()) {
            throw wrongType(key, what, e);
        }
        return e.getAsJsonPrimitive();
    }

    private JsonElement required(String key) {
        JsonElement e = object.get(key);
        if (e == null || e.isJsonNull()) {
            throw fail("missing key '" + key + "'");
        }
        return e;
    }

    private IllegalArgumentException wrongType(String key, String what, JsonElement got) {
        return fail("key '" + key + "' must be " + what + " (got " + got + ")");
    }
}
