package dev.atelier.host.gimp.pdb;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.atelier.core.panel.ChoiceField;
import dev.atelier.core.panel.Field;
import dev.atelier.core.panel.MultilineTextField;
import dev.atelier.core.panel.PanelDescriptor;
import dev.atelier.core.panel.SeedField;
import dev.atelier.core.panel.SliderField;
import dev.atelier.core.panel.SourceField;
import dev.atelier.core.panel.TextField;
import dev.atelier.core.panel.ToggleField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PDB procedure for one panel: {@code plug-in-atelier-<panel>} taking (run-mode, image, drawable) and then the
 * panel's fields in descriptor order, returning the new layer. Source fields are not arguments: the drawable and
 * the image's selection are the sources. Field → PDB type: text → STRING; integer slider, toggle (0/1), seed and a
 * choice whose values are all whole numbers → INT32; other sliders → FLOAT; other choices → STRING (the value).
 */
public record ProcedureSpec(String name, String blurb, String menuLabel, PanelDescriptor panel,
        List<PdbParam> params, List<PdbParam> returns) {

    /** Where every Atelier procedure appears. */
    public static final String MENU_PATH = "<Image>/Filters/Atelier";
    /** Number of leading arguments that are not panel fields: run-mode, image, drawable. */
    public static final int FIXED_ARGS = 3;

    public ProcedureSpec {
        params = List.copyOf(params);
        returns = List.copyOf(returns);
    }

    /** Returns the procedure for a panel. */
    public static ProcedureSpec of(PanelDescriptor panel) {
        List<PdbParam> params = new ArrayList<>();
        params.add(PdbParam.fixed(PdbType.INT32, "run-mode", "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1) }"));
        params.add(PdbParam.fixed(PdbType.IMAGE, "image", "Input image"));
        params.add(PdbParam.fixed(PdbType.DRAWABLE, "drawable", "Input drawable (the source pixels)"));
        for (Field f : panel.fields()) {
            if (f instanceof SourceField) {
                continue;
            }
            params.add(new PdbParam(typeOf(f), f.id(), describe(f), Optional.of(f)));
        }
        List<PdbParam> returns = List.of(PdbParam.fixed(PdbType.LAYER, "layer", "The new layer with the result"));
        return new ProcedureSpec("plug-in-atelier-" + panel.id(), panel.title() + ": " + panel.description(),
                panel.title() + "...", panel, params, returns);
    }

    /** Returns the PDB type a field is passed as. */
    public static PdbType typeOf(Field f) {
        if (f instanceof TextField || f instanceof MultilineTextField) {
            return PdbType.STRING;
        }
        if (f instanceof SliderField s) {
            return s.isInteger() ? PdbType.INT32 : PdbType.FLOAT;
        }
        if (f instanceof ChoiceField c) {
            return c.choices().stream().allMatch(ch -> ch.value().matches("-?\\d{1,9}")) ? PdbType.INT32 : PdbType.STRING;
        }
        if (f instanceof ToggleField || f instanceof SeedField) {
            return PdbType.INT32;
        }
        throw new IllegalArgumentException("no PDB type for field " + f.id());
    }

    /** Returns the panel-field arguments, in order (without run-mode, image and drawable). */
    public List<PdbParam> fieldParams() {
        return params.subList(FIXED_ARGS, params.size());
    }

    /**
     * Turns the field arguments of a call (Integer, Double or String each, in {@link #fieldParams()} order) into
     * panel values for a submission. Fewer values than fields (a menu call passes none) leaves the rest to the
     * panel's defaults.
     */
    public Map<String, JsonElement> valuesOf(List<Object> fieldArgs) {
        Map<String, JsonElement> values = new LinkedHashMap<>();
        List<PdbParam> fields = fieldParams();
        for (int i = 0; i < Math.min(fields.size(), fieldArgs.size()); i++) {
            Field f = fields.get(i).field().orElseThrow();
            Object v = fieldArgs.get(i);
            JsonElement json;
            if (f instanceof ToggleField) {
                json = new JsonPrimitive(((Number) v).intValue() != 0);
            } else if (f instanceof ChoiceField) {
                json = new JsonPrimitive(String.valueOf(v));
            } else if (v instanceof Number n) {
                json = new JsonPrimitive(n);
            } else {
                json = new JsonPrimitive(String.valueOf(v));
            }
            values.put(f.id(), json);
        }
        return values;
    }

    private static String describe(Field f) {
        String help = f.help() == null || f.help().isBlank() ? "" : " — " + f.help();
        if (f instanceof SliderField s) {
            return f.label() + " (" + fmt(s.min()) + ".." + fmt(s.max()) + ", default " + fmt(s.defaultValue()) + ")"
                    + help;
        }
        if (f instanceof ChoiceField c) {
            return f.label() + " { " + c.valueList() + " }, default " + c.defaultValue() + help;
        }
        if (f instanceof ToggleField t) {
            return f.label() + " (0/1, default " + (t.defaultValue() ? 1 : 0) + ")" + help;
        }
        if (f instanceof SeedField) {
            return f.label() + " (-1 = random)" + help;
        }
        return f.label() + help;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
