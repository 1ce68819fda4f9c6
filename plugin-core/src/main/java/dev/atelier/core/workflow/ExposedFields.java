package dev.atelier.core.workflow;

import com.google.gson.JsonElement;
import dev.atelier.core.panel.ChoiceField;
import dev.atelier.core.panel.Field;
import dev.atelier.core.panel.MultilineTextField;
import dev.atelier.core.panel.SeedField;
import dev.atelier.core.panel.SliderField;
import dev.atelier.core.panel.TextField;
import dev.atelier.core.panel.ToggleField;

/**
 * Makes the App panel field for an exposed parameter from the node panel's field: same kind of control, the
 * parameter's label, help and default, and for sliders a range that must lie within the node field's.
 */
final class ExposedFields {

    private ExposedFields() {}

    /**
     * @param nodeValue the node's own value for the field in the workflow file, or {@code null}
     * @throws IllegalArgumentException with the user-facing problem
     */
    static Field make(ExposedParameter p, Field f, JsonElement nodeValue) {
        String label = p.label().isEmpty() ? f.label() : p.label();
        String help = p.help().isEmpty() ? f.help() : p.help();
        JsonElement raw = p.defaultValue().orElse(nodeValue != null ? nodeValue : f.defaultJson());
        Object def;
        try {
            def = f.coerce(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("default: " + e.getMessage(), e);
        }
        if (!(f instanceof SliderField) && (p.min().isPresent() || p.max().isPresent())) {
            throw new IllegalArgumentException("min and max apply to sliders only; '" + f.id() + "' is not one");
        }
        if (f instanceof SliderField s) {
            return slider(p, s, label, help, ((Number) def).doubleValue());
        } else if (f instanceof ChoiceField c) {
            return new ChoiceField(p.id(), label, help, c.choices(), (String) def);
        } else if (f instanceof TextField t) {
            return new TextField(p.id(), label, help, (String) def, t.maxLength());
        } else if (f instanceof MultilineTextField t) {
            return new MultilineTextField(p.id(), label, help, (String) def, t.maxLength());
        } else if (f instanceof ToggleField) {
            return new ToggleField(p.id(), label, help, (Boolean) def);
        } else if (f instanceof SeedField) {
            return new SeedField(p.id(), label, help, (Long) def);
        }
        throw new IllegalArgumentException("'" + f.id() + "' is an input, not a parameter; connect it with an edge");
    }

    private static SliderField slider(ExposedParameter p, SliderField s, String label, String help, double def) {
        double min = p.min().orElse(s.min());
        double max = p.max().orElse(s.max());
        if (min < s.min() || max > s.max()) {
            throw new IllegalArgumentException("range " + fmt(min) + ".." + fmt(max) + " is outside the node field's "
                    + fmt(s.min()) + ".." + fmt(s.max()));
        }
        if (!(min < max)) {
            throw new IllegalArgumentException("min " + fmt(min) + " must be below max " + fmt(max));
        }
        if (def < min || def > max) {
            throw new IllegalArgumentException("default " + fmt(def) + " is outside " + fmt(min) + ".." + fmt(max));
        }
        return new SliderField(p.id(), label, help, min, max, s.step(), def);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
