package dev.atelier.core.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Field constructors reject impossible descriptions with messages naming the field. */
class FieldConstructionTest {

    static final List<Choice> TWO = List.of(new Choice("a", "A"), new Choice("b", "B"));

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments((Executable) () -> new SliderField("steps", "Steps", "", 1, 150, 1, 200),
                        "field 'steps': default 200 is outside 1..150"),
                arguments((Executable) () -> new SliderField("steps", "Steps", "", 1, 150, 1, 2.5),
                        "field 'steps': default 2.5 must be a whole number on an integer slider"),
                arguments((Executable) () -> new SliderField("w", "W", "", 5, 5, 1, 5),
                        "field 'w': min 5 must be below max 5"),
                arguments((Executable) () -> new SliderField("w", "W", "", 0, 5, 0, 1),
                        "field 'w': step must be positive (got 0)"),
                arguments((Executable) () -> new SliderField("w", "W", "", 0, Double.NaN, 1, 1),
                        "field 'w': min, max, step and default must be finite numbers"),
                arguments((Executable) () -> new ChoiceField("c", "C", "", List.of(), "a"),
                        "field 'c': needs at least one choice"),
                arguments((Executable) () -> new ChoiceField("c", "C", "", TWO, "z"),
                        "field 'c': default 'z' is not one of a, b"),
                arguments((Executable) () -> new ChoiceField("c", "C", "",
                        List.of(new Choice("a", "A"), new Choice("A", "Big A")), "a"),
                        "field 'c': duplicate choice value 'A'"),
                arguments((Executable) () -> new Choice(" a", "A"),
                        "choice value must be non-blank without surrounding spaces (got ' a')"),
                arguments((Executable) () -> new Choice("a", " "), "choice 'a': label must not be blank"),
                arguments((Executable) () -> new TextField("t", "T", "", "toolong", 3),
                        "field 't': default has 7 characters, more than maxLength 3"),
                arguments((Executable) () -> new MultilineTextField("t", "T", "", "", 0),
                        "field 't': maxLength must be at least 1 (got 0)"),
                arguments((Executable) () -> new SeedField("seed", "Seed", "", -2),
                        "field 'seed': default -2 is outside -1..4294967295"),
                arguments((Executable) () -> new SourceField("mask", "Mask", "", List.of(SourceKind.SELECTION),
                        SourceKind.LAYER, true), "field 'mask': default 'layer' is not one of selection"),
                arguments((Executable) () -> new SourceField("mask", "Mask", "", List.of(), SourceKind.LAYER, true),
                        "field 'mask': needs at least one allowed source"),
                arguments((Executable) () -> new SourceField("mask", "Mask", "",
                        List.of(SourceKind.LAYER, SourceKind.LAYER), SourceKind.LAYER, true),
                        "field 'mask': allowed sources repeat: layer, layer"),
                arguments((Executable) () -> new ToggleField("Bad Id", "B", "", true),
                        "field id must be lower-case words joined by '-', e.g. 'line-weight' (got 'Bad Id')"),
                arguments((Executable) () -> new ToggleField("ok", "", "", true), "field 'ok': label must not be blank"),
                arguments((Executable) () -> new Preset("p", "P", java.util.Map.of("x", new Object())),
                        "preset 'p': field 'x': values must be strings, numbers or booleans (got Object)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void constructorsRejectWithExactMessage(Executable construct, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, construct).getMessage());
    }

    @Test
    void sliderIsIntegerWhenMinAndStepAreWhole() {
        assertTrue(new SliderField("s", "S", "", 0, 100, 1, 50).isInteger());
        assertTrue(new SliderField("s", "S", "", 256, 2048, 64, 1024).isInteger());
        assertTrue(new SliderField("s", "S", "", 0, 10.5, 1, 1).isInteger());
        assertFalse(new SliderField("s", "S", "", 1, 30, 0.5, 7).isInteger());
        assertFalse(new SliderField("s", "S", "", 0.3, 5, 0.1, 1).isInteger());
    }

    @Test
    void choicesAreCopied() {
        List<Choice> choices = new java.util.ArrayList<>(TWO);
        ChoiceField field = new ChoiceField("c", "C", "", choices, "a");
        choices.clear();
        assertEquals(TWO, field.choices());
    }

    @Test
    void helpMustNotBeNull() {
        assertThrows(NullPointerException.class, () -> new ToggleField("t", "T", null, true));
    }
}
