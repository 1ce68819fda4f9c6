package dev.atelier.core.panel;

import static dev.atelier.core.panel.PanelTestSupport.panel;
import static dev.atelier.core.panel.PanelTestSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonElement;
import dev.atelier.core.operation.Background;
import dev.atelier.core.operation.DetectMode;
import dev.atelier.core.operation.DetectRequest;
import dev.atelier.core.operation.AspectRatio;
import dev.atelier.core.operation.ExpandRequest;
import dev.atelier.core.operation.Generation;
import dev.atelier.core.operation.Img2ImgRequest;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.operation.Prep3dRequest;
import dev.atelier.core.operation.RemoveBackgroundRequest;
import dev.atelier.core.operation.RetouchRequest;
import dev.atelier.core.operation.UpscalePreset;
import dev.atelier.core.operation.UpscaleRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped panels: their order, defaults, typical bindings and presets. */
class BuiltInPanelsTest {

    static final Generation DEFAULT_GENERATION = new Generation("", "", 25, 7, -1, 1);

    static Stream<Panel> panels() {
        return BuiltInPanels.all().stream();
    }

    @Test
    void listsEveryOperationInMenuOrder() {
        assertEquals(List.of("img2img", "retouch", "expand", "upscale", "remove-background", "detect", "prep-3d"),
                BuiltInPanels.all().stream().map(Panel::id).toList());
        // Every operation but "workflow" (whose panels are the Apps made from workflow files) has its panel.
        assertEquals(Arrays.stream(Operation.values()).filter(o -> o != Operation.WORKFLOW).toList(),
                BuiltInPanels.all().stream().map(p -> p.descriptor().operation()).toList());
        assertTrue(BuiltInPanels.byId("nope").isEmpty());
    }

    static Stream<Arguments> defaultRequests() {
        return Stream.of(
                arguments("img2img", new Img2ImgRequest(DEFAULT_GENERATION, 50)),
                arguments("retouch", new RetouchRequest(DEFAULT_GENERATION, 4, 32, 6, 24)),
                arguments("expand", new ExpandRequest(DEFAULT_GENERATION, 0, 0, 256, 0, AspectRatio.FREE, 32)),
                arguments("upscale", new UpscaleRequest(2, UpscalePreset.PRECISE)),
                arguments("remove-background", new RemoveBackgroundRequest(Background.TRANSPARENT)),
                arguments("detect", new DetectRequest(DetectMode.CANNY, 100, 200, 1.0)),
                arguments("prep-3d", new Prep3dRequest(1024, 10, Background.TRANSPARENT, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaultRequests")
    void bindsNoValuesToTheDefaultRequest(String id, OperationRequest expected) throws Exception {
        assertEquals(expected, panel(id).bind(Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panels")
    void bindsItsOwnDefaults(Panel panel) throws Exception {
        OperationRequest request = panel.bind(panel.defaults());
        assertEquals(panel.descriptor().operation(), request.operation());
        assertEquals(panel.bind(Map.of()), request);
    }

    static Stream<Arguments> typicalRequests() {
        Generation cat = new Generation("a cat", "blurry", 30, 7.5, 42, 2);
        Map<String, JsonElement> generation = values("prompt", "a cat", "negative-prompt", "blurry", "steps", 30,
                "guidance", 7.5, "seed", 42, "batch-count", 2);
        return Stream.of(
                arguments("img2img", with(generation, "image", "visible", "influence", 80),
                        new Img2ImgRequest(cat, 80)),
                arguments("retouch", with(generation, "mask", "selection", "grow", 8, "feather", 16, "padding", 10,
                        "blend", 12), new RetouchRequest(cat, 8, 16, 10, 12)),
                arguments("expand", with(generation, "left", 128, "top", 64, "right", 0, "bottom", 512),
                        new ExpandRequest(cat, 128, 64, 0, 512)),
                arguments("expand", with(generation, "right", 0, "aspect", "16:9", "band", 8),
                        new ExpandRequest(cat, 0, 0, 0, 0, AspectRatio.WIDE_16_9, 8)),
                arguments("upscale", values("factor", 4, "preset", "creative"),
                        new UpscaleRequest(4, UpscalePreset.CREATIVE)),
                arguments("remove-background", values("background", "white"),
                        new RemoveBackgroundRequest(Background.WHITE)),
                arguments("detect", values("mode", "lineart", "low", 20, "high", 240, "line-weight", 2.5),
                        new DetectRequest(DetectMode.LINEART, 20, 240, 2.5)),
                arguments("prep-3d", values("size", 2048, "margin", 0, "background", "grey", "upscale-small", false),
                        new Prep3dRequest(2048, 0, Background.GREY, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typicalRequests")
    void bindsTypicalInput(String id, Map<String, JsonElement> input, OperationRequest expected) throws Exception {
        assertEquals(expected, panel(id).bind(input));
    }

    static Stream<Arguments> cliStrings() {
        return Stream.of(
                arguments("img2img", values("influence", "80", "steps", "30", "guidance", "7.5", "seed", "42",
                        "batch-count", "2", "prompt", "a cat"),
                        new Img2ImgRequest(new Generation("a cat", "", 30, 7.5, 42, 2), 80)),
                arguments("upscale", values("factor", "8", "preset", "Balanced"),
                        new UpscaleRequest(8, UpscalePreset.BALANCED)),
                arguments("detect", values("mode", "Depth", "low", "10", "high", "20", "line-weight", "0.3"),
                        new DetectRequest(DetectMode.DEPTH, 10, 20, 0.3)),
                arguments("prep-3d", values("size", "512", "margin", "40", "background", "BLACK",
                        "upscale-small", "false"), new Prep3dRequest(512, 40, Background.BLACK, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cliStrings")
    void bindsCliStrings(String id, Map<String, JsonElement> input, OperationRequest expected) throws Exception {
        assertEquals(expected, panel(id).bind(input));
    }

    @Test
    void influence80GivesStrength02() throws Exception {
        Img2ImgRequest request = (Img2ImgRequest) panel("img2img").bind(values("influence", 80));
        assertEquals(80, request.influence());
        assertEquals(0.2, request.strength(), 1e-9);
    }

    @Test
    void influenceFieldIsDescribedForUsers() {
        SliderField influence = (SliderField) panel("img2img").descriptor().field("influence").orElseThrow();
        assertEquals(new SliderField("influence", "Influence", "Higher keeps more of the reference", 0, 100, 1, 50),
                influence);
    }

    @Test
    void retouchTakesItsMaskFromTheSelection() {
        SourceField mask = (SourceField) panel("retouch").descriptor().field("mask").orElseThrow();
        assertEquals(List.of(SourceKind.SELECTION), mask.allowed());
        assertTrue(mask.required());
    }

    @Test
    void sourceFieldsAreValidatedButDoNotReachTheRequest() throws Exception {
        assertEquals(panel("img2img").bind(Map.of()), panel("img2img").bind(values("image", "visible")));
        InvalidParametersException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidParametersException.class, () -> panel("img2img").bind(values("image", "selection")));
        assertEquals("img2img: image: must be one of layer, visible (got selection)", e.getMessage());
    }

    static Stream<Arguments> presets() {
        return panels().flatMap(p -> p.descriptor().presets().stream().map(preset -> arguments(p, preset)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("presets")
    void presetsBindOverDefaults(Panel panel, Preset preset) throws Exception {
        Map<String, JsonElement> input = new HashMap<>(panel.defaults());
        preset.values().forEach((field, value) -> input.put(field, Values.toJson(value)));
        assertFalse(preset.values().isEmpty());
        assertEquals(panel.descriptor().operation(), panel.bind(input).operation());
    }

    @Test
    void requiredPresetsExist() {
        assertEquals(List.of("Precise", "Balanced", "Creative"), labels("upscale"));
        assertEquals(List.of("Soft edges", "Strong edges", "Fine lines", "Bold lines"), labels("detect"));
        assertTrue(labels("expand").containsAll(List.of("Right 256 px", "All sides 128 px")));
    }

    @Test
    void detectPresetsBindToTheirMaps() throws Exception {
        assertEquals(new DetectRequest(DetectMode.LINEART, 100, 200, 0.5), bindPreset("detect", "fine-lines"));
        assertEquals(new DetectRequest(DetectMode.CANNY, 150, 250, 1.0), bindPreset("detect", "strong-edges"));
        assertEquals(new UpscaleRequest(2, UpscalePreset.CREATIVE), bindPreset("upscale", "creative"));
    }

    private static OperationRequest bindPreset(String panelId, String presetId) throws Exception {
        Panel panel = panel(panelId);
        Map<String, JsonElement> input = new HashMap<>();
        panel.descriptor().preset(presetId).orElseThrow().values()
                .forEach((field, value) -> input.put(field, Values.toJson(value)));
        return panel.bind(input);
    }

    private static List<String> labels(String panelId) {
        return panel(panelId).descriptor().presets().stream().map(Preset::label).toList();
    }

    private static Map<String, JsonElement> with(Map<String, JsonElement> base, Object... more) {
        Map<String, JsonElement> all = new java.util.LinkedHashMap<>(base);
        all.putAll(values(more));
        return all;
    }
}
