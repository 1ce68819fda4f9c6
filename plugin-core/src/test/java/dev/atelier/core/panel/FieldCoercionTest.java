package dev.atelier.core.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every field type's validation: valid values (typed and as strings) and every kind of bad value. */
class FieldCoercionTest {

    static final SliderField STEPS = new SliderField("steps", "Steps", "", 1, 150, 1, 25);
    static final SliderField WEIGHT = new SliderField("line-weight", "Line weight", "", 0.3, 5, 0.1, 1.0);
    static final ChoiceField FACTOR = new ChoiceField("factor", "Factor", "",
            List.of(new Choice("2", "2×"), new Choice("4", "4×"), new Choice("8", "8×")), "2");
    static final ChoiceField PRESET = new ChoiceField("preset", "Preset", "",
            List.of(new Choice("precise", "Precise"), new Choice("balanced", "Balanced")), "precise");
    static final ToggleField TOGGLE = new ToggleField("upscale-small", "Upscale small", "", true);
    static final TextField NAME = new TextField("name", "Name", "", "", 5);
    static final MultilineTextField PROMPT = new MultilineTextField("prompt", "Prompt", "", "", 10);
    static final SeedField SEED = new SeedField("seed", "Seed", "", -1);
    static final SourceField IMAGE = new SourceField("image", "Image", "",
            List.of(SourceKind.LAYER, SourceKind.VISIBLE), SourceKind.LAYER, true);

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments(STEPS, num(1), 1L),
                arguments(STEPS, num(150), 150L),
                arguments(STEPS, str("30"), 30L),
                arguments(STEPS, str(" 30 "), 30L),
                arguments(STEPS, num(30.0), 30L),
                arguments(STEPS, str("1e2"), 100L),
                arguments(WEIGHT, num(0.3), 0.3),
                arguments(WEIGHT, num(5), 5.0),
                arguments(WEIGHT, str("2.5"), 2.5),
                arguments(FACTOR, str("4"), "4"),
                arguments(FACTOR, num(8), "8"),
                arguments(FACTOR, num(8.0), "8"),
                arguments(FACTOR, str("4×"), "4"),
                arguments(PRESET, str("balanced"), "balanced"),
                arguments(PRESET, str("Precise"), "precise"),
                arguments(PRESET, str("BALANCED"), "balanced"),
                arguments(TOGGLE, new JsonPrimitive(false), false),
                arguments(TOGGLE, str("true"), true),
                arguments(TOGGLE, str("FALSE"), false),
                arguments(NAME, str("abcde"), "abcde"),
                arguments(NAME, str(""), ""),
                arguments(NAME, str("ééééé"), "ééééé"),
                arguments(PROMPT, str("a cat\nmat"), "a cat\nmat"),
                arguments(SEED, num(-1), -1L),
                arguments(SEED, num(0), 0L),
                arguments(SEED, num(4_294_967_295L), 4_294_967_295L),
                arguments(SEED, str("4294967295"), 4_294_967_295L),
                arguments(SEED, str("42"), 42L),
                arguments(IMAGE, str("visible"), "visible"),
                arguments(IMAGE, str("Layer"), "layer"));
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @MethodSource("valid")
    void acceptsValidValues(Field field, JsonElement value, Object expected) {
        assertEquals(expected, field.coerce(value));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments(STEPS, num(0), "must be 1..150 (got 0)"),
                arguments(STEPS, num(151), "must be 1..150 (got 151)"),
                arguments(STEPS, str("200"), "must be 1..150 (got 200)"),
                arguments(STEPS, num(2.5), "must be a whole number (got 2.5)"),
                arguments(STEPS, str("2.5"), "must be a whole number (got 2.5)"),
                arguments(STEPS, str("many"), "must be a number (got many)"),
                arguments(STEPS, str(""), "must be a number (got \"\")"),
                arguments(STEPS, new JsonPrimitive(true), "must be a number (got true)"),
                arguments(STEPS, new JsonArray(), "must be a number (got [])"),
                arguments(STEPS, str("NaN"), "must be a number (got NaN)"),
                arguments(WEIGHT, num(0.2), "must be 0.3..5 (got 0.2)"),
                arguments(WEIGHT, str("5.01"), "must be 0.3..5 (got 5.01)"),
                arguments(WEIGHT, new JsonObject(), "must be a number (got {})"),
                arguments(FACTOR, num(3), "must be one of 2, 4, 8 (got 3)"),
                arguments(FACTOR, str("3"), "must be one of 2, 4, 8 (got 3)"),
                arguments(FACTOR, new JsonPrimitive(true), "must be one of 2, 4, 8 (got true)"),
                arguments(PRESET, str("fast"), "must be one of precise, balanced (got fast)"),
                arguments(TOGGLE, str("yes"), "must be true or false (got yes)"),
                arguments(TOGGLE, num(1), "must be true or false (got 1)"),
                arguments(NAME, str("abcdef"), "must be at most 5 characters (got 6)"),
                arguments(NAME, num(5), "must be text (got 5)"),
                arguments(PROMPT, str("x".repeat(11)), "must be at most 10 characters (got 11)"),
                arguments(PROMPT, new JsonPrimitive(false), "must be text (got false)"),
                arguments(SEED, num(-2), "must be -1 (random) or 0..4294967295 (got -2)"),
                arguments(SEED, str("4294967296"), "must be -1 (random) or 0..4294967295 (got 4294967296)"),
                arguments(SEED, num(1.5), "must be a whole number (got 1.5)"),
                arguments(SEED, str("lucky"), "must be a whole number (got lucky)"),
                arguments(IMAGE, str("selection"), "must be one of layer, visible (got selection)"),
                arguments(IMAGE, num(1), "must be one of layer, visible (got 1)"));
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @MethodSource("invalid")
    void rejectsInvalidValuesWithExactMessage(Field field, JsonElement value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> field.coerce(value));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void defaultCoercesToItself(Field field) {
        assertEquals(field.defaultJson(), Values.toJson(field.coerce(field.defaultJson())));
    }

    static Stream<Field> fields() {
        return Stream.of(STEPS, WEIGHT, FACTOR, PRESET, TOGGLE, NAME, PROMPT, SEED, IMAGE);
    }

    @org.junit.jupiter.api.Test
    void longValuesAreShortenedInMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> STEPS.coerce(str("y".repeat(100))));
        assertEquals("must be a number (got " + "y".repeat(40) + "…)", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void nullIsNotAValueForCoerce() {
        assertThrows(IllegalArgumentException.class, () -> STEPS.coerce(JsonNull.INSTANCE));
    }

    static JsonPrimitive num(Number n) {
        return new JsonPrimitive(n);
    }

    static JsonPrimitive str(String s) {
        return new JsonPrimitive(s);
    }
}
