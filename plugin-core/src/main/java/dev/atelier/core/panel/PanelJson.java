package dev.atelier.core.panel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.atelier.core.operation.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Panel descriptors as JSON, the form the daemon sends and hosts (e.g. GIMP's Java host) parse. The key names are
 * stable; {@code docs/panels.md} documents them. A descriptor looks like this (abridged):
 *
 * <pre>{@code
 * {
 *   "id": "upscale",
 *   "title": "Upscale",
 *   "description": "Enlarge the image 2, 4 or 8 times.",
 *   "operation": "upscale",
 *   "fields": [
 *     {"type": "choice", "id": "factor", "label": "Factor", "help": "How many times larger",
 *      "choices": [{"value": "2", "label": "2×"}, {"value": "4", "label": "4×"}, {"value": "8", "label": "8×"}],
 *      "default": "2"},
 *     {"type": "slider", "id": "steps", "label": "Steps", "help": "",
 *      "min": 1, "max": 150, "step": 1, "integer": true, "default": 25}
 *   ],
 *   "presets": [{"id": "precise", "label": "Precise", "values": {"preset": "precise"}}]
 * }
 * }</pre>
 *
 * <p>Every field has {@code type}, {@code id}, {@code label}, {@code help} and {@code default}; by type:
 * <ul>
 *   <li>{@code text}, {@code multiline}: {@code maxLength}; default a string
 *   <li>{@code slider}: {@code min}, {@code max}, {@code step}, {@code integer} (derived from min and step; ignored
 *       when read); default a number
 *   <li>{@code choice}: {@code choices}, a list of {@code {"value", "label"}}; default a choice's value
 *   <li>{@code toggle}: default true or false
 *   <li>{@code seed}: default a whole number, -1 (random) .. 4294967295
 *   <li>{@code source}: {@code allowed}, a list of {@code layer}, {@code selection}, {@code visible};
 *       {@code required}, true or false; default one of allowed
 * </ul>
 *
 * <p>When reading, {@code help}, {@code description} and {@code presets} may be left out, unknown keys are
 * ignored, and anything else missing or malformed is an {@link IllegalArgumentException} naming the panel and the
 * field: {@code panel 'upscale': field 'factor': missing key 'choices'}.
 */
public final class PanelJson {

    private PanelJson() {}

    /** Returns the descriptor as JSON. */
    public static JsonObject toJson(PanelDescriptor descriptor) {
        JsonObject o = new JsonObject();
        o.addProperty("id", descriptor.id());
        o.addProperty("title", descriptor.title());
        o.addProperty("description", descriptor.description());
        o.addProperty("operation", descriptor.operation().id());
        JsonArray fields = new JsonArray();
        descriptor.fields().forEach(f -> fields.add(FieldJson.write(f)));
        o.add("fields", fields);
        JsonArray presets = new JsonArray();
        for (Preset p : descriptor.presets()) {
            JsonObject preset = new JsonObject();
            preset.addProperty("id", p.id());
            preset.addProperty("label", p.label());
            JsonObject values = new JsonObject();
            p.values().forEach((field, value) -> values.add(field, Values.toJson(value)));
            preset.add("values", values);
            presets.add(preset);
        }
        o.add("presets", presets);
        return o;
    }

    /**
     * Reads a descriptor.
     *
     * @throws IllegalArgumentException when the JSON is malformed or describes an invalid panel; the message names
     *     the panel and, where it applies, the field or preset
     */
    public static PanelDescriptor fromJson(JsonObject json) {
        Objects.requireNonNull(json, "json");
        String id = new JsonKeys(json, "panel descriptor").string("id");
        String where = "panel '" + id + "'";
        JsonKeys keys = new JsonKeys(json, where);
        String title = keys.string("title");
        String description = keys.optionalString("description", "");
        String operationId = keys.string("operation");
        Operation operation = Operation.byId(operationId).orElseThrow(() -> keys.fail("unknown operation '"
                + operationId + "'; known operations: "
                + Arrays.stream(Operation.values()).map(Operation::id).collect(Collectors.joining(", "))));
        List<Field> fields = new ArrayList<>();
        JsonArray fieldArray = keys.array("fields");
        for (int i = 0; i < fieldArray.size(); i++) {
            fields.add(FieldJson.read(fieldArray.get(i), where, i));
        }
        List<Preset> presets = new ArrayList<>();
        JsonArray presetArray = keys.optionalArray("presets");
        for (int i = 0; i < presetArray.size(); i++) {
            presets.add(preset(presetArray.get(i), where, i));
        }
        return new PanelDescriptor(id, title, description, operation, fields, presets);
    }

    private static Preset preset(JsonElement element, String where, int index) {
        if (element == null || !element.isJsonObject()) {
            throw new IllegalArgumentException(where + ": preset #" + (index + 1) + " must be an object (got "
                    + element + ")");
        }
        JsonObject o = element.getAsJsonObject();
        String id = new JsonKeys(o, where + ": preset #" + (index + 1)).string("id");
        JsonKeys keys = new JsonKeys(o, where + ": preset '" + id + "'");
        String label = keys.string("label");
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : keys.object("values").entrySet()) {
            values.put(e.getKey(), plain(keys, e.getKey(), e.getValue()));
        }
        try {
            return new Preset(id, label, values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Object plain(JsonKeys keys, String field, JsonElement value) {
        if (value.isJsonPrimitive()) {
            JsonPrimitive p = value.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isNumber()) {
                return p.getAsNumber();
            }
            return p.getAsString();
        }
        throw keys.fail("field '" + field + "': values must be strings, numbers or booleans (got " + value + ")");
    }
}
