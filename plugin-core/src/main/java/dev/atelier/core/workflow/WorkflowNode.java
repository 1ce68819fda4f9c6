package dev.atelier.core.workflow;

import com.google.gson.JsonElement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step: an operation (a built-in panel id such as {@code upscale}) and its field values, as a host would send
 * them. Values are checked against the operation's panel by {@link WorkflowChecker}, not here.
 */
public record WorkflowNode(String id, String operation, Map<String, JsonElement> params) {

    public WorkflowNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operation, "operation");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params)); // keeps the file's order
    }
}
