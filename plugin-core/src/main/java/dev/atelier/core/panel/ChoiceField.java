package dev.atelier.core.panel;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One of a fixed list of options. Accepts a choice's value or label as a string, ignoring case ("Precise" and
 * "precise" both give {@code precise}), or a JSON number whose text is a value (2 gives {@code "2"}). The canonical
 * value is the choice's {@link Choice#value()}.
 *
 * @param choices the options, in display order; values unique ignoring case
 * @param defaultValue the value of the initially selected choice
 */
public record ChoiceField(String id, String label, String help, List<Choice> choices, String defaultValue)
        implements Field {

    public ChoiceField {
        FieldChecks.common(id, label, help);
        if (choices == null || choices.isEmpty()) {
            throw FieldChecks.invalid(id, "needs at least one choice");
        }
        choices = List.copyOf(choices);
        Set<String> seen = new HashSet<>();
        for (Choice c : choices) {
            if (!seen.add(c.value().toLowerCase(Locale.ROOT))) {
                throw FieldChecks.invalid(id, "duplicate choice value '" + c.value() + "'");
            }
        }
        String given = defaultValue;
        if (choices.stream().noneMatch(c -> c.value().equals(given))) {
            throw FieldChecks.invalid(id, "default '" + defaultValue + "' is not one of " + values(choices));
        }
    }

    /** Returns the choice values joined for messages: {@code 2, 4, 8}. */
    public String valueList() {
        return values(choices);
    }

    @Override
    public JsonElement defaultJson() {
        return new JsonPrimitive(defaultValue);
    }

    @Override
    public Object coerce(JsonElement value) {
        String wanted = received(value);
        if (wanted != null) {
            for (Choice c : choices) {
                if (c.value().equalsIgnoreCase(wanted)) {
                    return c.value();
                }
            }
            for (Choice c : choices) {
                if (c.label().equalsIgnoreCase(wanted)) {
                    return c.value();
                }
            }
        }
        throw Values.problem("must be one of " + valueList(), value);
    }

    private static String received(JsonElement value) {
        if (!value.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = value.getAsJsonPrimitive();
        if (p.isString()) {
            return p.getAsString().trim();
        }
        if (p.isNumber()) {
            try {
                BigDecimal n = new BigDecimal(p.getAsString());
                return Values.isWhole(n) ? n.toBigInteger().toString() : n.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String values(List<Choice> choices) {
        return choices.stream().map(Choice::value).collect(Collectors.joining(", "));
    }
}
