package dev.atelier.core.panel;

import com.google.gson.JsonElement;
import dev.atelier.core.operation.OperationRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A panel: its descriptor (what hosts render) and its binder (how values become a request). The daemon and the
 * CLI bind received values with {@link #bind}; hosts only ever see the descriptor.
 */
public final class Panel {

    private final PanelDescriptor descriptor;
    private final PanelBinder binder;

    /** Pairs a descriptor with the binder that turns its values into the descriptor's operation's request. */
    public Panel(PanelDescriptor descriptor, PanelBinder binder) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.binder = Objects.requireNonNull(binder, "binder");
    }

    /** Returns the panel id, e.g. {@code upscale}. */
    public String id() {
        return descriptor.id();
    }

    /** Returns what hosts render; {@link PanelJson#toJson} gives its JSON. */
    public PanelDescriptor descriptor() {
        return descriptor;
    }

    /** Returns every field's default as JSON, in field order. */
    public Map<String, JsonElement> defaults() {
        Map<String, JsonElement> defaults = new LinkedHashMap<>();
        for (Field f : descriptor.fields()) {
            defaults.put(f.id(), f.defaultJson());
        }
        return defaults;
    }

    /**
     * Validates received values and returns the panel's request. Values may be typed JSON (hosts) or strings (the
     * CLI's {@code --set key=value}); missing fields, and fields given JSON null, take their defaults. Source fields
     * are validated but do not reach the request (they tell the host which pixels to send).
     *
     * @param values field id to value
     * @throws InvalidParametersException naming every bad field: invalid values, cross-field rules and unknown
     *     field names, in field order with unknown names last
     */
    public OperationRequest bind(Map<String, JsonElement> values) throws InvalidParametersException {
        Objects.requireNonNull(values, "values");
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> bound = new LinkedHashMap<>();
        for (Field f : descriptor.fields()) {
            JsonElement received = values.get(f.id());
            JsonElement value = received == null || received.isJsonNull() ? f.defaultJson() : received;
            try {
                bound.put(f.id(), f.coerce(value));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(f.id(), e.getMessage()));
            }
        }
        BoundValues boundValues = new BoundValues(descriptor, bound);
        problems.addAll(binder.check(boundValues));
        problems.sort(Comparator.comparingInt(p -> order(p.field())));
        values.keySet().stream()
                .map(String::valueOf)
                .filter(name -> descriptor.field(name).isEmpty())
                .sorted()
                .forEach(name -> problems.add(
                        new FieldProblem(name, PanelDescriptor.unknownField(name, descriptor.fields()))));
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(id(), problems);
        }
        return build(boundValues);
    }

    private OperationRequest build(BoundValues values) {
        OperationRequest request;
        try {
            request = binder.build(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "panel '" + id() + "' built an invalid request from valid values: " + e.getMessage(), e);
        }
        if (request.operation() != descriptor.operation()) {
            throw new IllegalStateException("panel '" + id() + "' built a " + request.operation().id()
                    + " request, not " + descriptor.operation().id());
        }
        return request;
    }

    private int order(String fieldId) {
        int index = descriptor.fieldIds().indexOf(fieldId);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    @Override
    public String toString() {
        return "Panel[" + id() + "]";
    }
}
