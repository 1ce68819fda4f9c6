package dev.atelier.core.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.atelier.core.operation.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Descriptor checks: unique ids, presets naming existing fields with valid values. */
class PanelDescriptorTest {

    static final List<Field> FIELDS = List.of(
            new ChoiceField("factor", "Factor", "", List.of(new Choice("2", "2×"), new Choice("4", "4×")), "2"),
            new SliderField("margin", "Margin", "", 0, 40, 1, 10));

    static PanelDescriptor withPresets(Preset... presets) {
        return new PanelDescriptor("demo", "Demo", "", Operation.UPSCALE, FIELDS, List.of(presets));
    }

    @Test
    void fieldIdsMustBeUnique() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PanelDescriptor(
                "demo", "Demo", "", Operation.UPSCALE, List.of(FIELDS.get(0), FIELDS.get(0)), List.of()));
        assertEquals("panel 'demo': duplicate field id 'factor'", e.getMessage());
    }

    @Test
    void presetIdsMustBeUnique() {
        Preset p = new Preset("p", "P", Map.of("margin", 5));
        assertEquals("panel 'demo': duplicate preset id 'p'",
                assertThrows(IllegalArgumentException.class, () -> withPresets(p, p)).getMessage());
    }

    @Test
    void presetsNameExistingFields() {
        assertEquals("panel 'demo': preset 'p': unknown field 'margn'; known fields: factor, margin",
                assertThrows(IllegalArgumentException.class,
                        () -> withPresets(new Preset("p", "P", Map.of("margn", 5)))).getMessage());
    }

    @Test
    void presetsHoldValidValues() {
        assertEquals("panel 'demo': preset 'p': field 'factor': must be one of 2, 4 (got 3)",
                assertThrows(IllegalArgumentException.class,
                        () -> withPresets(new Preset("p", "P", Map.of("factor", 3)))).getMessage());
        assertEquals("panel 'demo': preset 'q': field 'margin': must be a whole number (got 2.5)",
                assertThrows(IllegalArgumentException.class,
                        () -> withPresets(new Preset("q", "Q", Map.of("margin", 2.5)))).getMessage());
    }

    @Test
    void presetValuesAreStoredCanonicallyInFieldOrder() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("margin", "12");
        given.put("factor", 4);
        Preset stored = withPresets(new Preset("p", "P", given)).presets().get(0);
        assertEquals(List.of("factor", "margin"), List.copyOf(stored.values().keySet()));
        assertEquals(Map.of("factor", "4", "margin", 12L), stored.values());
    }

    @Test
    void idsAreWellFormed() {
        assertEquals("panel id must be lower-case words joined by '-', e.g. 'line-weight' (got 'Demo')",
                assertThrows(IllegalArgumentException.class,
                        () -> new PanelDescriptor("Demo", "Demo", "", Operation.UPSCALE, FIELDS, List.of()))
                        .getMessage());
        assertEquals("preset id must be lower-case words joined by '-', e.g. 'line-weight' (got 'a b')",
                assertThrows(IllegalArgumentException.class, () -> new Preset("a b", "A", Map.of())).getMessage());
        assertEquals("panel 'demo': title must not be blank",
                assertThrows(IllegalArgumentException.class,
                        () -> new PanelDescriptor("demo", " ", "", Operation.UPSCALE, FIELDS, List.of()))
                        .getMessage());
    }

    @Test
    void lookups() {
        PanelDescriptor d = withPresets(new Preset("p", "P", Map.of("margin", 5)));
        assertEquals(List.of("factor", "margin"), d.fieldIds());
        assertEquals(FIELDS.get(1), d.field("margin").orElseThrow());
        assertEquals("P", d.preset("p").orElseThrow().label());
        assertEquals(true, d.field("nope").isEmpty());
    }
}
