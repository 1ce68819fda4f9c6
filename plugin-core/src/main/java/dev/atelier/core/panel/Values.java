package dev.atelier.core.panel;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/** Parsing and formatting helpers shared by the field types: numbers from JSON numbers or strings, "(got …)". */
final class Values {

    private static final int SHOWN_CHARACTERS = 40;

    private Values() {}

    /**
     * Returns the number a JSON number or a numeric string holds, or throws {@link IllegalArgumentException} with
     * {@code expectation (got value)}.
     */
    static BigDecimal number(JsonElement value, String expectation) {
        if (value.isJsonPrimitive()) {
            JsonPrimitive p = value.getAsJsonPrimitive();
            if (p.isNumber() || p.isString()) {
                try {
                    return new BigDecimal(p.getAsString().trim());
                } catch (NumberFormatException e) {
                    // falls through to the problem below
                }
            }
        }
        throw problem(expectation, value);
    }

    /** Returns the text of a JSON string no longer than {@code maxLength} characters (code points), or throws. */
    static String text(JsonElement value, int maxLength) {
        String text = string(value);
        if (text == null) {
            throw problem("must be text", value);
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw new IllegalArgumentException(
                    "must be at most " + maxLength + " characters (got " + length + ")");
        }
        return text;
    }

    /** Returns true when the number has no fractional part. */
    static boolean isWhole(BigDecimal n) {
        return n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
    }

    /** Returns the text of a JSON string, or null for anything else. */
    static String string(JsonElement value) {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        return null;
    }

    /** Returns an {@link IllegalArgumentException} reading {@code expectation (got value)}. */
    static IllegalArgumentException problem(String expectation, JsonElement value) {
        return new IllegalArgumentException(expectation + " (got " + show(value) + ")");
    }

    /** Shows a received value the way a user typed it: strings unquoted (empty ones as ""), the rest as JSON. */
    static String show(JsonElement value) {
        String shown;
        if (value.isJsonPrimitive()) {
            shown = value.getAsString();
            if (shown.isEmpty()) {
                return "\"\"";
            }
        } else {
            shown = value.toString();
        }
        return shown.length() <= SHOWN_CHARACTERS ? shown : shown.substring(0, SHOWN_CHARACTERS) + "…";
    }

    /** Formats a bound for messages: 5.0 as "5", 0.30 as "0.3". */
    static String format(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** Returns a JSON number written as a whole number when it is one (25, not 25.0). */
    static JsonPrimitive jsonNumber(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return new JsonPrimitive((long) d);
        }
        return new JsonPrimitive(d);
    }

    /** Converts a plain value (string, number, boolean or JSON element) to JSON. */
    static JsonElement toJson(Object value) {
        if (value instanceof JsonElement e) {
            return e;
        } else if (value instanceof String s) {
            return new JsonPrimitive(s);
        } else if (value instanceof Double d) {
            return jsonNumber(d);
        } else if (value instanceof Number n) {
            return new JsonPrimitive(n);
        } else if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        throw new IllegalArgumentException(
                "values must be strings, numbers or booleans, got " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
