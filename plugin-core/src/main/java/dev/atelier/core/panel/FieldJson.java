package dev.atelier.core.panel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads one field's JSON (the shape is documented on {@link PanelJson}). */
final class FieldJson {

    static final String TEXT = "text";
    static final String MULTILINE = "multiline";
    static final String SLIDER = "slider";
    static final String CHOICE = "choice";
    static final String TOGGLE = "toggle";
    static final String SEED = "seed";
    static final String SOURCE = "source";
    static final List<String> TYPES = List.of(TEXT, MULTILINE, SLIDER, CHOICE, TOGGLE, SEED, SOURCE);

    private FieldJson() {}

    static JsonObject write(Field field) {
        JsonObject o = new JsonObject();
        o.addProperty("type", type(field));
        o.addProperty("id", field.id());
        o.addProperty("label", field.label());
        o.addProperty("help", field.help());
        if (field instanceof TextField t) {
            o.addProperty("maxLength", t.maxLength());
        } else if (field instanceof MultilineTextField t) {
            o.addProperty("maxLength", t.maxLength());
        } else if (field instanceof SliderField s) {
            o.add("min", Values.jsonNumber(s.min()));
            o.add("max", Values.jsonNumber(s.max()));
            o.add("step", Values.jsonNumber(s.step()));
            o.addProperty("integer", s.isInteger());
        } else if (field instanceof ChoiceField c) {
            JsonArray choices = new JsonArray();
            for (Choice choice : c.choices()) {
                JsonObject j = new JsonObject();
                j.addProperty("value", choice.value());
                j.addProperty("label", choice.label());
                choices.add(j);
            }
            o.add("choices", choices);
        } else if (field instanceof SourceField s) {
            JsonArray allowed = new JsonArray();
            s.allowed().forEach(k -> allowed.add(k.id()));
            o.add("allowed", allowed);
            o.addProperty("required", s.required());
        }
        o.add("default", field.defaultJson());
        return o;
    }

    /** Reads a field; {@code where} is e.g. {@code panel 'upscale'}, {@code index} its position (from 0). */
    static Field read(JsonElement element, String where, int index) {
        if (element == null || !element.isJsonObject()) {
            throw new IllegalArgumentException(where + ": field #" + (index + 1) + " must be an object (got "
                    + element + ")");
        }
        JsonObject o = element.getAsJsonObject();
        String id = new JsonKeys(o, where + ": field #" + (index + 1)).string("id");
        JsonKeys keys = new JsonKeys(o, where + ": field '" + id + "'");
        String type = keys.string("type");
        String label = keys.string("label");
        String help = keys.optionalString("help", "");
        try {
            return switch (type) {
                case TEXT -> new TextField(id, label, help, keys.string("default"), keys.integer("maxLength"));
                case MULTILINE -> new MultilineTextField(
                        id, label, help, keys.string("default"), keys.integer("maxLength"));
                case SLIDER -> new SliderField(id, label, help, keys.number("min"), keys.number("max"),
                        keys.number("step"), keys.number("default"));
                case CHOICE -> new ChoiceField(id, label, help, choices(keys), keys.string("default"));
                case TOGGLE -> new ToggleField(id, label, help, keys.bool("default"));
                case SEED -> new SeedField(id, label, help, keys.wholeNumber("default"));
                case SOURCE -> new SourceField(id, label, help, sources(keys), source(keys, keys.string("default")),
                        keys.bool("required"));
                default -> throw keys.fail("unknown type '" + type + "'; known types: " + String.join(", ", TYPES));
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String type(Field field) {
        if (field instanceof TextField) {
            return TEXT;
        } else if (field instanceof MultilineTextField) {
            return MULTILINE;
        } else if (field instanceof SliderField) {
            return SLIDER;
        } else if (field instanceof ChoiceField) {
            return CHOICE;
        } else if (field instanceof ToggleField) {
            return TOGGLE;
        } else if (field instanceof SeedField) {
            return SEED;
        }
        return SOURCE;
    }

    private static List<Choice> choices(JsonKeys keys) {
        List<Choice> choices = new ArrayList<>();
        JsonArray array = keys.array("choices");
        for (int i = 0; i < array.size(); i++) {
            JsonElement e = array.get(i);
            if (!e.isJsonObject()) {
                throw keys.fail("choice #" + (i + 1) + " must be an object (got " + e + ")");
            }
            JsonKeys choice = keys.nested(e.getAsJsonObject(), "choice #" + (i + 1));
            String value = choice.string("value");
            String label = choice.string("label");
            try {
                choices.add(new Choice(value, label));
            } catch (IllegalArgumentException ex) {
                throw keys.fail("choice #" + (i + 1) + ": " + ex.getMessage());
            }
        }
        return choices;
    }

    private static List<SourceKind> sources(JsonKeys keys) {
        List<SourceKind> kinds = new ArrayList<>();
        for (JsonElement e : keys.array("allowed")) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw keys.fail("key 'allowed' must hold source names (got " + e + ")");
            }
            kinds.add(source(keys, e.getAsString()));
        }
        return kinds;
    }

    private static SourceKind source(JsonKeys keys, String id) {
        return SourceKind.byId(id).orElseThrow(() -> keys.fail("unknown source '" + id
                + "'; known sources: layer, selection, visible"));
    }
}
