package dev.atelier.core.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.UpscalePreset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed getters binders use. */
class BoundValuesTest {

    static final PanelDescriptor DESCRIPTOR = new PanelDescriptor("all", "All", "", Operation.UPSCALE, List.of(
            new SliderField("steps", "Steps", "", 1, 150, 1, 25),
            new SliderField("weight", "Weight", "", 0.3, 5, 0.1, 1),
            new TextField("name", "Name", "", "", 10),
            new MultilineTextField("prompt", "Prompt", "", "", 10),
            new ChoiceField("factor", "Factor", "", List.of(new Choice("2", "2×"), new Choice("4", "4×")), "2"),
            new ChoiceField("preset", "Preset", "", List.of(new Choice("precise", "Precise")), "precise"),
            new ToggleField("on", "On", "", true),
            new SeedField("seed", "Seed", "", -1),
            new SourceField("image", "Image", "", List.of(SourceKind.VISIBLE), SourceKind.VISIBLE, true)),
            List.of());

    static BoundValues bound() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : DESCRIPTOR.fields()) {
            if (!f.id().equals("name")) {
                values.put(f.id(), f.coerce(f.defaultJson()));
            }
        }
        return new BoundValues(DESCRIPTOR, values);
    }

    @Test
    void typedGetters() {
        BoundValues v = bound();
        assertEquals(25, v.integer("steps"));
        assertEquals(25.0, v.decimal("steps"));
        assertEquals(1.0, v.decimal("weight"));
        assertEquals("", v.text("prompt"));
        assertEquals("2", v.choice("factor"));
        assertEquals(2, v.integer("factor"));
        assertEquals(UpscalePreset.PRECISE, v.choice("preset", UpscalePreset::byId));
        assertTrue(v.toggle("on"));
        assertEquals(-1L, v.seed("seed"));
        assertEquals(SourceKind.VISIBLE, v.source("image"));
        assertTrue(v.has("steps"));
        assertFalse(v.has("name"));
        assertFalse(v.asMap().containsKey("name"));
    }

    @Test
    void misuseIsAProgrammingError() {
        BoundValues v = bound();
        assertEquals("panel 'all': field 'weight' is a SliderField, not an integer",
                assertThrows(IllegalStateException.class, () -> v.integer("weight")).getMessage());
        assertEquals("panel 'all': field 'preset' is a ChoiceField, not an integer",
                assertThrows(IllegalStateException.class, () -> v.integer("preset")).getMessage());
        assertEquals("panel 'all': field 'steps' is a SliderField, not text",
                assertThrows(IllegalStateException.class, () -> v.text("steps")).getMessage());
        assertEquals("panel 'all': field 'name' has no valid value",
                assertThrows(IllegalStateException.class, () -> v.text("name")).getMessage());
        assertEquals("panel 'all' has no field 'nope'",
                assertThrows(IllegalStateException.class, () -> v.toggle("nope")).getMessage());
        assertEquals("panel 'all': field 'factor': no match for choice '2'",
                assertThrows(IllegalStateException.class, () -> v.choice("factor", UpscalePreset::byId))
                        .getMessage());
        assertThrows(IllegalStateException.class, () -> v.seed("steps"));
        assertThrows(IllegalStateException.class, () -> v.source("seed"));
        assertThrows(IllegalStateException.class, () -> v.choice("on"));
        assertThrows(IllegalStateException.class, () -> v.decimal("factor"));
    }
}
