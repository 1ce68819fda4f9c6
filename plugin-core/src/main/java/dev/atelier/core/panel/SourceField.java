package dev.atelier.core.panel;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which pixels the host sends for an input: the active layer, the selection (as a mask) or the visible image. This
 * is an instruction to the host; binding only checks the value is one of {@code allowed}. Retouch's mask, for
 * example, is {@code allowed = [SELECTION], required = true}.
 *
 * @param allowed the kinds the user may pick from, in display order
 * @param defaultValue the initially picked kind, one of {@code allowed}
 * @param required true when the operation cannot run without this input (hosts refuse to start without it)
 */
public record SourceField(String id, String label, String help, List<SourceKind> allowed, SourceKind defaultValue,
        boolean required) implements Field {

    public SourceField {
        FieldChecks.common(id, label, help);
        if (allowed == null || allowed.isEmpty()) {
            throw FieldChecks.invalid(id, "needs at least one allowed source");
        }
        allowed = List.copyOf(allowed);
        if (new HashSet<>(allowed).size() != allowed.size()) {
            throw FieldChecks.invalid(id, "allowed sources repeat: " + ids(allowed));
        }
        Objects.requireNonNull(defaultValue, () -> "field '" + id + "': default must not be null");
        if (!allowed.contains(defaultValue)) {
            throw FieldChecks.invalid(id, "default '" + defaultValue.id() + "' is not one of " + ids(allowed));
        }
    }

    @Override
    public JsonElement defaultJson() {
        return new JsonPrimitive(defaultValue.id());
    }

    @Override
    public Object coerce(JsonElement value) {
        String given = Values.string(value);
        if (given != null) {
            for (SourceKind k : allowed) {
                if (k.id().equalsIgnoreCase(given.trim())) {
                    return k.id();
                }
            }
        }
        throw Values.problem("must be one of " + ids(allowed), value);
    }

    private static String ids(List<SourceKind> kinds) {
        return kinds.stream().map(SourceKind::id).collect(Collectors.joining(", "));
    }
}
