package dev.atelier.core.panel;

import dev.atelier.core.operation.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a host needs to render a panel: its fields in display order and its presets. The daemon sends these as
 * JSON ({@link PanelJson}); hosts render them without knowing the operation.
 *
 * <p>The constructor checks that ids are well formed, field ids are unique, preset ids are unique and that every
 * preset names existing fields with valid values. Preset values are stored in canonical form, in field order, so
 * that a descriptor survives a JSON round trip unchanged.
 *
 * @param id the panel id, e.g. {@code upscale}
 * @param title the panel's title, e.g. {@code Upscale}
 * @param description one or two sentences on what the panel does; may be empty
 * @param operation the operation the panel's values bind to
 * @param fields the fields, in display order
 * @param presets the presets, in display order; may be empty
 */
public record PanelDescriptor(String id, String title, String description, Operation operation, List<Field> fields,
        List<Preset> presets) {

    public PanelDescriptor {
        FieldChecks.requireId("panel", id);
        FieldChecks.requireText("panel", id, "title", title);
        Objects.requireNonNull(description, () -> "panel '" + id + "': description must not be null (use \"\")");
        Objects.requireNonNull(operation, () -> "panel '" + id + "': operation must not be null");
        Objects.requireNonNull(fields, () -> "panel '" + id + "': fields must not be null");
        Objects.requireNonNull(presets, () -> "panel '" + id + "': presets must not be null");
        fields = List.copyOf(fields);
        Map<String, Field> byId = new LinkedHashMap<>();
        for (Field f : fields) {
            if (byId.put(f.id(), f) != null) {
                throw new IllegalArgumentException("panel '" + id + "': duplicate field id '" + f.id() + "'");
            }
        }
        List<Preset> canonical = new ArrayList<>();
        Set<String> presetIds = new HashSet<>();
        for (Preset p : presets) {
            if (!presetIds.add(p.id())) {
                throw new IllegalArgumentException("panel '" + id + "': duplicate preset id '" + p.id() + "'");
            }
            canonical.add(canonical(id, byId, p));
        }
        presets = List.copyOf(canonical);
    }

    /** Returns the field with this id. */
    public Optional<Field> field(String fieldId) {
        return fields.stream().filter(f -> f.id().equals(fieldId)).findFirst();
    }

    /** Returns the preset with this id. */
    public Optional<Preset> preset(String presetId) {
        return presets.stream().filter(p -> p.id().equals(presetId)).findFirst();
    }

    /** Returns the field ids in display order. */
    public List<String> fieldIds() {
        return fields.stream().map(Field::id).toList();
    }

    /** Returns "unknown field 'x'; known fields: a, b", the message for a value or preset naming no field. */
    static String unknownField(String name, List<Field> fields) {
        return "unknown field '" + name + "'; known fields: "
                + fields.stream().map(Field::id).collect(Collectors.joining(", "));
    }

    private static Preset canonical(String panelId, Map<String, Field> byId, Preset preset) {
        String where = "panel '" + panelId + "': preset '" + preset.id() + "': ";
        for (String name : preset.values().keySet()) {
            if (!byId.containsKey(name)) {
                throw new IllegalArgumentException(where + unknownField(name, List.copyOf(byId.values())));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : byId.values()) {
            Object value = preset.values().get(f.id());
            if (value != null) {
                try {
                    values.put(f.id(), f.coerce(Values.toJson(value)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + "field '" + f.id() + "': " + e.getMessage(), e);
                }
            }
        }
        return new Preset(preset.id(), preset.label(), values);
    }
}
