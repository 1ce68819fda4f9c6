package dev.atelier.core.panel;

import com.google.gson.JsonElement;

/**
 * One control of a panel, described for hosts to render. Every field has a stable id (the key of its value, e.g.
 * {@code negative-prompt}), a label and a help line, plus a default.
 *
 * <p>{@link #coerce} is the field's validation: it turns a received value (typed JSON from a host, or a string
 * from the CLI's {@code --set key=value}) into the canonical value, or throws {@link IllegalArgumentException}
 * whose message is the user-facing problem, e.g. {@code must be 0..100 (got 150)}.
 */
public sealed interface Field
        permits TextField, MultilineTextField, SliderField, ChoiceField, ToggleField, SeedField, SourceField {

    /** Returns the id, the key of this field's value. */
    String id();

    /** Returns the label hosts show beside the control. */
    String label();

    /** Returns the one-line help (tooltip); may be empty. */
    String help();

    /** Returns the default as JSON, exactly as {@link Panel#defaults()} reports it. */
    JsonElement defaultJson();

    /**
     * Returns the canonical value for a received one: {@code String} for text, multiline, choice and source fields,
     * {@code Long} for integer sliders and seeds, {@code Double} for other sliders, {@code Boolean} for toggles.
     *
     * @throws IllegalArgumentException when the value is not valid; the message says why, e.g.
     *     {@code must be one of 2, 4, 8 (got 3)}
     */
    Object coerce(JsonElement value);
}
