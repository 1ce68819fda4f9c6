package dev.atelier.core.workflow;

import com.google.gson.JsonElement;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A node's field shown on the workflow's App panel. The App field is the node panel's field with this label, help,
 * default and, for sliders, a narrower range; {@code min}/{@code max} must lie within the node field's range.
 *
 * @param id the App field id (kebab-case), e.g. {@code prompt}
 * @param node the node whose field it sets
 * @param param the node panel's field id
 * @param label the App field's label; empty means the node field's own
 * @param help the App field's help; empty means the node field's own
 * @param defaultValue the App default; empty means the node's value, else the node field's default
 * @param min a slider's lower bound on the App panel
 * @param max a slider's upper bound on the App panel
 */
public record ExposedParameter(String id, String node, String param, String label, String help,
        Optional<JsonElement> defaultValue, OptionalDouble min, OptionalDouble max) {

    public ExposedParameter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }
}
