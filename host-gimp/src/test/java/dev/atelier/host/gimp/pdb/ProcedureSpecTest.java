package dev.atelier.host.gimp.pdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.atelier.core.panel.BuiltInPanels;
import dev.atelier.core.panel.Panel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcedureSpecTest {

    private static String signature(ProcedureSpec s) {
        return s.name() + "(" + String.join(", ", s.params().stream().map(p -> p.name() + " " + p.type().label())
                .toList()) + ") -> " + String.join(", ", s.returns().stream().map(p -> p.type().label()).toList());
    }

    @Test
    void upscaleHasExactlyTheDocumentedSignature() {
        ProcedureSpec up = ProcedureSpec.of(BuiltInPanels.byId("upscale").orElseThrow().descriptor());
        assertEquals("plug-in-atelier-upscale(run-mode INT32, image IMAGE, drawable DRAWABLE, factor INT32, "
                + "preset STRING) -> LAYER", signature(up));
        assertEquals(ProcedureSpec.MENU_PATH, "<Image>/Filters/Atelier");
    }

    @Test
    void everyBuiltInPanelHasAProcedureThatBindsItsDefaults() throws Exception {
        for (Panel p : BuiltInPanels.all()) {
            ProcedureSpec s = ProcedureSpec.of(p.descriptor());
            assertEquals("plug-in-atelier-" + p.id(), s.name());
            assertEquals(List.of(PdbType.INT32, PdbType.IMAGE, PdbType.DRAWABLE),
                    s.params().subList(0, 3).stream().map(PdbParam::type).toList(), s.name());
            assertEquals(List.of(PdbType.LAYER), s.returns().stream().map(PdbParam::type).toList());
            assertTrue(s.params().stream().allMatch(x -> x.name().matches("[a-z0-9-]+")), s.name());
            p.bind(s.valuesOf(List.of())); // a menu call passes no field values: the defaults must bind
        }
    }

    @Test
    void valuesOfMapsPdbValuesToPanelValues() {
        ProcedureSpec up = ProcedureSpec.of(BuiltInPanels.byId("upscale").orElseThrow().descriptor());
        assertEquals(Map.of("factor", new JsonPrimitive("4"), "preset", new JsonPrimitive("precise")),
                up.valuesOf(List.of(4, "precise")));
    }
}
