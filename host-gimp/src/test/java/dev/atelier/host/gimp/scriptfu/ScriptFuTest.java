package dev.atelier.host.gimp.scriptfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atelier.core.panel.BuiltInPanels;
import dev.atelier.core.panel.Panel;
import dev.atelier.host.gimp.pdb.ProcedureSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptFuTest {

    private static ProcedureSpec spec(String id) {
        return ProcedureSpec.of(BuiltInPanels.byId(id).orElseThrow().descriptor());
    }

    @Test
    void upscaleDialogCallsTheJavaProcedureWithTheChosenValues() {
        assertEquals("""
                (define (script-fu-atelier-upscale image drawable factor preset)
                  (plug-in-atelier-upscale RUN-NONINTERACTIVE image drawable (list-ref '(2 4 8) factor) \
                (list-ref '("precise" "balanced" "creative") preset))
                  (gimp-displays-flush))
                (script-fu-register "script-fu-atelier-upscale"
                  "Upscale..."
                  %s
                  "Atelier" "Atelier" "2026" "RGB*, GRAY*"
                  SF-IMAGE "Image" 0
                  SF-DRAWABLE "Drawable" 0
                  SF-OPTION "Factor" '("2×" "4×" "8×")
                  SF-OPTION "Preset" '("Precise" "Balanced" "Creative"))
                """.formatted(ScriptFu.string(spec("upscale").blurb())), ScriptFu.script(spec("upscale")));
    }

    @Test
    void everyPanelGetsADialogAndNoMenuEntry() {
        List<ProcedureSpec> specs = BuiltInPanels.all().stream().map(Panel::descriptor).map(ProcedureSpec::of)
                .toList();
        String all = ScriptFu.generate(specs);
        for (ProcedureSpec s : specs) {
            assertTrue(all.contains("(script-fu-register \"" + ScriptFu.dialogName(s) + "\""), s.name());
        }
        assertTrue(!all.contains("script-fu-menu-register"), "the Java procedure owns the menu entry");
    }

    @Test
    void choicesStartWithThePanelDefault() {
        String detect = ScriptFu.script(spec("detect"));
        assertTrue(detect.contains("(list-ref '(\"canny\" "), detect);
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("\"a \\\"cat\\\" \\\\ dog\"", ScriptFu.string("a \"cat\" \\ dog"));
    }
}
