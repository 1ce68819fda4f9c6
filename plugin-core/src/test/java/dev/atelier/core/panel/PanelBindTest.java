package dev.atelier.core.panel;

import static dev.atelier.core.panel.PanelTestSupport.panel;
import static dev.atelier.core.panel.PanelTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import dev.atelier.core.error.ErrorCode;
import dev.atelier.core.operation.Background;
import dev.atelier.core.operation.DetectMode;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.DetectRequest;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.RemoveBackgroundRequest;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Panel#bind} reports every bad field by name, in one exception. */
class PanelBindTest {

    @Test
    void reportsEveryBadFieldWithExactMessage() {
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> panel("upscale").bind(values("factor", 3, "preset", "fast")));
        assertEquals("upscale: factor: must be one of 2, 4, 8 (got 3); "
                + "preset: must be one of precise, balanced, creative (got fast)", e.getMessage());
        assertEquals(ErrorCode.INVALID_PARAMETERS, e.code());
        assertEquals("upscale", e.panelId());
        assertEquals(List.of(
                new FieldProblem("factor", "must be one of 2, 4, 8 (got 3)"),
                new FieldProblem("preset", "must be one of precise, balanced, creative (got fast)")), e.problems());
        assertEquals("INVALID_PARAMETERS (200): " + e.getMessage(), e.describe());
    }

    @Test
    void batchCountIsAWholeNumberFromOneToEightOnEveryDiffusionPanel() throws Exception {
        for (String op : List.of("img2img", "retouch", "expand")) {
            for (Object bad : List.of(0, 9, -1, 2.5, "many")) {
                InvalidParametersException e = assertThrows(InvalidParametersException.class,
                        () -> panel(op).bind(values("batch-count", bad)), op + " " + bad);
                assertEquals(List.of("batch-count"), e.problems().stream().map(FieldProblem::field).toList());
            }
            assertEquals(1, generation(panel(op).bind(Map.of())).count(), op + " default");
            assertEquals(8, generation(panel(op).bind(values("batch-count", 8))).count(), op);
        }
    }

    private static dev.atelier.core.operation.Generation generation(dev.atelier.core.operation.OperationRequest r) {
        if (r instanceof dev.atelier.core.operation.Img2ImgRequest i) {
            return i.generation();
        }
        return r instanceof dev.atelier.core.operation.RetouchRequest t ? t.generation()
                : ((ExpandRequest) r).generation();
    }

    @Test
    void namesUnknownFieldsAndTheKnownOnes() {
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> panel("upscale").bind(values("factr", 4)));
        assertEquals(List.of(new FieldProblem("factr", "unknown field 'factr'; known fields: factor, preset")),
                e.problems());
        assertEquals("upscale: factr: unknown field 'factr'; known fields: factor, preset", e.getMessage());
    }

    @Test
    void reportsAllKindsOfProblemsAtOnceInFieldOrderUnknownLast() {
        Map<String, JsonElement> input = values(
                "zeta", 1,
                "batch-count", 9,
                "steps", 2.5,
                "influence", "lots",
                "prompt", "x".repeat(2001),
                "seed", -7,
                "guidance", true,
                "image", "selection",
                "alpha", 2);
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> panel("img2img").bind(input));
        assertEquals(List.of("image", "prompt", "influence", "steps", "guidance", "seed", "batch-count", "alpha",
                "zeta"),
                e.problems().stream().map(FieldProblem::field).toList());
        assertEquals(List.of(
                "must be one of layer, visible (got selection)",
                "must be at most 2000 characters (got 2001)",
                "must be a number (got lots)",
                "must be a whole number (got 2.5)",
                "must be a number (got true)",
                "must be -1 (random) or 0..4294967295 (got -7)",
                "must be 1..8 (got 9)",
                "unknown field 'alpha'; known fields: image, prompt, negative-prompt, influence, steps, guidance, "
                        + "seed, batch-count",
                "unknown field 'zeta'; known fields: image, prompt, negative-prompt, influence, steps, guidance, "
                        + "seed, batch-count"),
                e.problems().stream().map(FieldProblem::message).toList());
    }

    @Test
    void integerSliderRejectsFractions() {
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> panel("detect").bind(values("low", 2.5)));
        assertEquals("detect: low: must be a whole number (got 2.5)", e.getMessage());
    }

    @Test
    void crossFieldRuleIsReportedOnBothFields() {
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> panel("detect").bind(values("low", 220, "high", 200, "line-weight", 9)));
        assertEquals("detect: low: must not be above high (220 > 200); high: must not be below low (200 < 220); "
                + "line-weight: must be 0.3..5 (got 9)", e.getMessage());
    }

    @Test
    void crossFieldRuleUsesDefaultsForMissingFields() {
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> panel("detect").bind(values("low", 250)));
        assertEquals(List.of("low", "high"), e.problems().stream().map(FieldProblem::field).toList());
    }

    @Test
    void crossFieldRuleSkipsInvalidFields() {
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> panel("detect").bind(values("low", 300, "high", 10)));
        assertEquals("detect: low: must be 0..255 (got 300)", e.getMessage());
    }

    @Test
    void equalThresholdsAreFine() throws Exception {
        assertEquals(new DetectRequest(DetectMode.CANNY, 120, 120, 1.0),
                panel("detect").bind(values("low", 120, "high", 120)));
    }

    @Test
    void expandMayLeaveAllMarginsAtZeroForTheSelectionToDecide() throws Exception {
        ExpandRequest r = (ExpandRequest) panel("expand").bind(values("right", 0));
        assertTrue(r.needsDirection());
    }

    @Test
    void expandMarginsAreBounded() {
        InvalidParametersException e = assertThrows(InvalidParametersException.class,
                () -> panel("expand").bind(values("top", 5000, "left", -1)));
        assertEquals("expand: left: must be 0..4096 (got -1); top: must be 0..4096 (got 5000)", e.getMessage());
    }

    @Test
    void missingAndNullValuesTakeDefaults() throws Exception {
        Map<String, JsonElement> input = new HashMap<>();
        input.put("factor", JsonNull.INSTANCE);
        input.put("preset", null);
        assertEquals(new UpscaleRequest(2, UpscalePreset.PRECISE), panel("upscale").bind(input));
        assertEquals(new UpscaleRequest(8, UpscalePreset.PRECISE), panel("upscale").bind(values("factor", 8)));
    }

    @Test
    void defaultsAreJsonInFieldOrder() {
        assertEquals(values("factor", "2", "preset", "precise"), panel("upscale").defaults());
        assertEquals(List.of("mode", "low", "high", "line-weight"),
                List.copyOf(panel("detect").defaults().keySet()));
        assertEquals(values("mode", "canny", "low", 100L, "high", 200L, "line-weight", 1.0),
                panel("detect").defaults());
        assertEquals(Values.toJson(-1L), panel("img2img").defaults().get("seed"));
    }

    @Test
    void aBinderThatBuildsAnInvalidRequestIsABug() {
        PanelDescriptor d = new PanelDescriptor("broken", "Broken", "", Operation.UPSCALE,
                List.of(new ToggleField("on", "On", "", true)), List.of());
        Panel panel = new Panel(d, v -> new UpscaleRequest(3, UpscalePreset.PRECISE));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> panel.bind(Map.of()));
        assertEquals("panel 'broken' built an invalid request from valid values: factor must be 2, 4 or 8, got 3",
                e.getMessage());
    }

    @Test
    void aBinderMustBuildItsOwnOperation() {
        PanelDescriptor d = new PanelDescriptor("wrong", "Wrong", "", Operation.UPSCALE, List.of(), List.of());
        Panel panel = new Panel(d, v -> new RemoveBackgroundRequest(Background.WHITE));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> panel.bind(Map.of()));
        assertEquals("panel 'wrong' built a remove-background request, not upscale", e.getMessage());
    }

    @Test
    void exceptionNeedsProblems() {
        assertThrows(IllegalArgumentException.class, () -> new InvalidParametersException("x", List.of()));
    }
}
