package dev.atelier.core.panel;

import static dev.atelier.core.panel.PanelTestSupport.panel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Descriptors survive JSON; malformed JSON is rejected naming the panel and field. */
class PanelJsonTest {

    static Stream<PanelDescriptor> descriptors() {
        return BuiltInPanels.all().stream().map(Panel::descriptor);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void roundTripsEveryBuiltInDescriptor(PanelDescriptor descriptor) {
        JsonObject json = PanelJson.toJson(descriptor);
        PanelDescriptor back = PanelJson.fromJson(JsonParser.parseString(json.toString()).getAsJsonObject());
        assertEquals(descriptor, back);
        assertEquals(json, PanelJson.toJson(back));
    }

    @Test
    void writesStableKeys() {
        JsonObject detect = PanelJson.toJson(panel("detect").descriptor());
        JsonArray fields = detect.getAsJsonArray("fields");
        assertEquals(JsonParser.parseString("""
                {"type": "slider", "id": "low", "label": "Low threshold",
                 "help": "Edges: weaker gradients below this are dropped",
                 "min": 0, "max": 255, "step": 1, "integer": true, "default": 100}"""), fields.get(1));
        assertEquals(JsonParser.parseString("""
                {"type": "slider", "id": "line-weight", "label": "Line weight", "help": "Line art: thickness of the lines",
                 "min": 0.3, "max": 5, "step": 0.1, "integer": false, "default": 1}"""), fields.get(3));
        assertEquals(JsonParser.parseString("""
                {"id": "fine-lines", "label": "Fine lines", "values": {"mode": "lineart", "line-weight": 0.5}}"""),
                detect.getAsJsonArray("presets").get(2));
        JsonArray retouch = PanelJson.toJson(panel("retouch").descriptor()).getAsJsonArray("fields");
        assertEquals(JsonParser.parseString("""
                {"type": "source", "id": "mask", "label": "Mask", "help": "The area to repaint: the current selection",
                 "allowed": ["selection"], "required": true, "default": "selection"}"""), retouch.get(1));
        assertEquals(JsonParser.parseString("""
                {"type": "multiline", "id": "prompt", "label": "Prompt", "help": "What to paint in the selected area",
                 "maxLength": 2000, "default": ""}"""), retouch.get(2));
        assertEquals(JsonParser.parseString("""
                {"type": "seed", "id": "seed", "label": "Seed",
                 "help": "-1 picks a random seed; reuse a seed to repeat a result", "default": -1}"""),
                retouch.get(10));
        assertEquals(JsonParser.parseString("""
                {"type": "toggle", "id": "upscale-small", "label": "Upscale small objects",
                 "help": "Upscale, rather than merely resize, when the object is smaller than the output",
                 "default": true}"""),
                PanelJson.toJson(panel("prep-3d").descriptor()).getAsJsonArray("fields").get(3));
    }

    @Test
    void readsTextFieldsAndOptionalKeys() {
        JsonObject json = JsonParser.parseString("""
                {"id": "note", "title": "Note", "operation": "upscale", "future": 1,
                 "fields": [{"type": "text", "id": "name", "label": "Name", "default": "x", "maxLength": 8,
                             "shiny": true}]}""").getAsJsonObject();
        PanelDescriptor d = PanelJson.fromJson(json);
        assertEquals(new TextField("name", "Name", "", "x", 8), d.fields().get(0));
        assertEquals("", d.description());
        assertEquals(0, d.presets().size());
        assertEquals(d, PanelJson.fromJson(PanelJson.toJson(d)));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("upscale", j -> j.remove("id"), "panel descriptor: missing key 'id'"),
                bad("upscale", j -> j.addProperty("id", 7), "panel descriptor: key 'id' must be a string (got 7)"),
                bad("upscale", j -> j.addProperty("id", "Up Scale"),
                        "panel id must be lower-case words joined by '-', e.g. 'line-weight' (got 'Up Scale')"),
                bad("upscale", j -> j.remove("title"), "panel 'upscale': missing key 'title'"),
                bad("upscale", j -> j.addProperty("operation", "upscal"), "panel 'upscale': unknown operation "
                        + "'upscal'; known operations: img2img, retouch, expand, upscale, remove-background, "
                        + "detect, prep-3d, workflow"),
                bad("upscale", j -> j.addProperty("fields", 3), "panel 'upscale': key 'fields' must be an array (got 3)"),
                bad("upscale", j -> fields(j).set(0, new JsonPrimitive("x")),
                        "panel 'upscale': field #1 must be an object (got \"x\")"),
                bad("upscale", j -> field(j, 1).remove("id"), "panel 'upscale': field #2: missing key 'id'"),
                bad("upscale", j -> field(j, 0).addProperty("type", "dropdown"), "panel 'upscale': field 'factor': "
                        + "unknown type 'dropdown'; known types: text, multiline, slider, choice, toggle, seed, source"),
                bad("upscale", j -> field(j, 0).remove("type"), "panel 'upscale': field 'factor': missing key 'type'"),
                bad("upscale", j -> field(j, 0).remove("label"), "panel 'upscale': field 'factor': missing key 'label'"),
                bad("upscale", j -> field(j, 0).remove("choices"),
                        "panel 'upscale': field 'factor': missing key 'choices'"),
                bad("upscale", j -> field(j, 0).addProperty("default", "3"),
                        "panel 'upscale': field 'factor': default '3' is not one of 2, 4, 8"),
                bad("upscale", j -> field(j, 0).getAsJsonArray("choices").get(1).getAsJsonObject().remove("label"),
                        "panel 'upscale': field 'factor': choice #2: missing key 'label'"),
                bad("upscale", j -> field(j, 0).getAsJsonArray("choices").set(0, new JsonPrimitive(2)),
                        "panel 'upscale': field 'factor': choice #1 must be an object (got 2)"),
                bad("upscale", j -> field(j, 0).getAsJsonArray("choices").get(0).getAsJsonObject()
                        .addProperty("value", " 2"), "panel 'upscale': field 'factor': choice #1: choice value must "
                        + "be non-blank without surrounding spaces (got ' 2')"),
                bad("upscale", j -> field(j, 1).addProperty("id", "factor"),
                        "panel 'upscale': duplicate field id 'factor'"),
                bad("upscale", j -> preset(j, 0).getAsJsonObject("values").addProperty("x", 1),
                        "panel 'upscale': preset 'precise': unknown field 'x'; known fields: factor, preset"),
                bad("upscale", j -> preset(j, 0).getAsJsonObject("values").add("preset", new JsonArray()),
                        "panel 'upscale': preset 'precise': field 'preset': values must be strings, numbers or "
                                + "booleans (got [])"),
                bad("upscale", j -> preset(j, 1).getAsJsonObject("values").addProperty("factor", 16),
                        "panel 'upscale': preset 'balanced': field 'factor': must be one of 2, 4, 8 (got 16)"),
                bad("upscale", j -> preset(j, 0).remove("label"), "panel 'upscale': preset 'precise': missing key 'label'"),
                bad("upscale", j -> preset(j, 0).remove("id"), "panel 'upscale': preset #1: missing key 'id'"),
                bad("upscale", j -> preset(j, 0).addProperty("label", ""),
                        "panel 'upscale': preset 'precise': label must not be blank"),
                bad("upscale", j -> j.getAsJsonArray("presets").add(3),
                        "panel 'upscale': preset #4 must be an object (got 3)"),
                bad("detect", j -> field(j, 1).addProperty("min", "0"),
                        "panel 'detect': field 'low': key 'min' must be a number (got \"0\")"),
                bad("detect", j -> field(j, 1).addProperty("default", 300),
                        "panel 'detect': field 'low': default 300 is outside 0..255"),
                bad("detect", j -> field(j, 3).remove("step"), "panel 'detect': field 'line-weight': missing key 'step'"),
                bad("img2img", j -> field(j, 6).addProperty("default", 1.5),
                        "panel 'img2img': field 'seed': key 'default' must be a whole number (got 1.5)"),
                bad("img2img", j -> field(j, 0).getAsJsonArray("allowed").add("canvas"),
                        "panel 'img2img': field 'image': unknown source 'canvas'; known sources: layer, selection, "
                                + "visible"),
                bad("img2img", j -> field(j, 0).remove("required"),
                        "panel 'img2img': field 'image': missing key 'required'"),
                bad("img2img", j -> field(j, 0).addProperty("default", "selection"),
                        "panel 'img2img': field 'image': default 'selection' is not one of layer, visible"),
                bad("img2img", j -> field(j, 1).remove("maxLength"),
                        "panel 'img2img': field 'prompt': missing key 'maxLength'"),
                bad("img2img", j -> field(j, 1).addProperty("maxLength", 1e10),
                        "panel 'img2img': field 'prompt': key 'maxLength' is out of range (got 10000000000)"),
                bad("prep-3d", j -> field(j, 3).addProperty("default", "yes"),
                        "panel 'prep-3d': field 'upscale-small': key 'default' must be true or false (got \"yes\")"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("malformed")
    void rejectsMalformedDescriptorsNamingPanelAndField(String panelId, Consumer<JsonObject> breakIt,
            String message) {
        JsonObject json = PanelJson.toJson(panel(panelId).descriptor()).deepCopy();
        breakIt.accept(json);
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> PanelJson.fromJson(json))
                .getMessage());
    }

    private static Arguments bad(String panelId, Consumer<JsonObject> breakIt, String message) {
        return arguments(panelId, breakIt, message);
    }

    private static JsonArray fields(JsonObject panel) {
        return panel.getAsJsonArray("fields");
    }

    private static JsonObject field(JsonObject panel, int index) {
        return fields(panel).get(index).getAsJsonObject();
    }

    private static JsonObject preset(JsonObject panel, int index) {
        return panel.getAsJsonArray("presets").get(index).getAsJsonObject();
    }
}
