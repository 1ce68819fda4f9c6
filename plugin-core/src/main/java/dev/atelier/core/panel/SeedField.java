package dev.atelier.core.panel;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/**
 * A noise seed: -1 asks for a random one, otherwise 0..2^32-1. Accepts JSON numbers and numeric strings.
 *
 * @param defaultValue usually {@link #RANDOM}
 */
public record SeedField(String id, String label, String help, long defaultValue) implements Field {

    /** The seed value that asks for a random seed. */
    public static final long RANDOM = -1;

    /** The largest seed, 2^32 - 1. */
    public static final long MAX = 4_294_967_295L;

    public SeedField {
        FieldChecks.common(id, label, help);
        if (defaultValue < RANDOM || defaultValue > MAX) {
            throw FieldChecks.invalid(id, "default " + defaultValue + " is outside -1.." + MAX);
        }
    }

    @Override
    public JsonElement defaultJson() {
        return new JsonPrimitive(defaultValue);
    }

    @Override
    public Object coerce(JsonElement value) {
        BigDecimal n = Values.number(value, "must be a whole number");
        if (n.compareTo(BigDecimal.valueOf(RANDOM)) < 0 || n.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            throw Values.problem("must be -1 (random) or 0.." + MAX, value);
        }
        if (!Values.isWhole(n)) {
            throw Values.problem("must be a whole number", value);
        }
        return n.longValueExact();
    }
}
