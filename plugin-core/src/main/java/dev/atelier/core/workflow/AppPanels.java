package dev.atelier.core.workflow;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.WorkflowRequest;
import dev.atelier.core.panel.Field;
import dev.atelier.core.panel.Panel;
import dev.atelier.core.panel.PanelDescriptor;
import dev.atelier.core.panel.SourceField;
import dev.atelier.core.panel.SourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a workflow as an App: a panel whose id is the workflow's, operation {@code workflow}, an image source
 * (and a selection source when the workflow has a mask input) followed by one field per exposed parameter. Hosts
 * render it like any panel and submit its id; the daemon binds the values to a {@link WorkflowRequest}.
 */
public final class AppPanels {

    static final String IMAGE = "image";
    static final String MASK = "mask";

    private AppPanels() {}

    /** Returns the workflow's App panel. */
    public static Panel panel(CheckedWorkflow w) {
        List<Field> fields = new ArrayList<>();
        fields.add(new SourceField(IMAGE, "Image", "The pixels the workflow starts from",
                List.of(SourceKind.LAYER, SourceKind.VISIBLE), SourceKind.LAYER, true));
        w.maskInput().ifPresent(m -> fields.add(new SourceField(MASK, "Mask", "The area to change: the selection",
                List.of(SourceKind.SELECTION), SourceKind.SELECTION, !m.optional())));
        w.exposed().forEach(e -> fields.add(e.field()));
        String description = w.workflow().description().isEmpty()
                ? "Runs the workflow " + w.workflow().title() + "." : w.workflow().description();
        PanelDescriptor d = new PanelDescriptor(w.id(), w.workflow().title(), description, Operation.WORKFLOW,
                fields, List.of());
        return new Panel(d, values -> {
            Map<String, Object> exposed = new LinkedHashMap<>(values.asMap());
            exposed.remove(IMAGE);
            exposed.remove(MASK);
            return new WorkflowRequest(w.id(), exposed);
        });
    }

    /** Returns the node values an App request sets: exposed parameter → its node's field. */
    public static Map<String, Map<String, JsonElement>> overrides(CheckedWorkflow w, WorkflowRequest request) {
        Map<String, Map<String, JsonElement>> byNode = new LinkedHashMap<>();
        for (ExposedField e : w.exposed()) {
            Object v = request.values().get(e.parameter().id());
            if (v != null) {
                byNode.computeIfAbsent(e.parameter().node(), k -> new LinkedHashMap<>())
                        .put(e.parameter().param(), json(v));
            }
        }
        return byNode;
    }

    private static JsonElement json(Object v) {
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (v instanceof Number n) {
            return new JsonPrimitive(n);
        }
        return new JsonPrimitive(String.valueOf(v));
    }
}
