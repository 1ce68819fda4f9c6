package dev.atelier.core.workflow;

import com.google.gson.JsonElement;
import dev.atelier.core.operation.Operation;
import dev.atelier.core.operation.OperationRequest;
import dev.atelier.core.panel.FieldProblem;
import dev.atelier.core.panel.InvalidParametersException;
import dev.atelier.core.panel.Panel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow that passed {@link WorkflowChecker}: its nodes in run order (every node after the nodes feeding it),
 * each node's panel and incoming edges, and its single image input and optional mask input.
 */
public final class CheckedWorkflow {

    private final Workflow workflow;
    private final List<WorkflowNode> order;
    private final Map<String, Panel> panels;
    private final Map<String, Map<String, Endpoint>> feeds;
    private final Map<String, ExposedField> fields;

    CheckedWorkflow(Workflow workflow, List<WorkflowNode> order, Map<String, Panel> panels,
            Map<String, Map<String, Endpoint>> feeds, Map<String, ExposedField> fields) {
        this.workflow = workflow;
        this.order = List.copyOf(order);
        this.panels = Map.copyOf(panels);
        this.feeds = Map.copyOf(feeds);
        this.fields = new LinkedHashMap<>(fields);
    }

    public Workflow workflow() {
        return workflow;
    }

    public String id() {
        return workflow.id();
    }

    /** Returns the nodes in run order: a node comes after every node feeding it; otherwise file order. */
    public List<WorkflowNode> order() {
        return order;
    }

    public Operation operation(String nodeId) {
        return panels.get(nodeId).descriptor().operation();
    }

    /** Returns what feeds each connected input port of a node, by port name. */
    public Map<String, Endpoint> feeds(String nodeId) {
        return feeds.getOrDefault(nodeId, Map.of());
    }

    /** Returns the workflow's image input (format 1 has exactly one). */
    public WorkflowInput imageInput() {
        return workflow.inputs().stream().filter(i -> i.type() == PortType.IMAGE).findFirst().orElseThrow();
    }

    /** Returns the workflow's mask input, if it has one. */
    public Optional<WorkflowInput> maskInput() {
        return workflow.inputs().stream().filter(i -> i.type() == PortType.MASK).findFirst();
    }

    /** Returns the exposed parameters with their App fields, in file order. */
    public List<ExposedField> exposed() {
        return List.copyOf(fields.values());
    }

    /**
     * Binds every node's values, with {@code overrides} (node id → field → value, e.g. from the CLI's
     * {@code --set node.field=value} or an App's values) laid over the file's.
     *
     * @return each node's request, in run order
     * @throws WorkflowException naming node and field of every bad value or unknown node
     */
    public Map<String, OperationRequest> requests(Map<String, Map<String, JsonElement>> overrides)
            throws WorkflowException {
        List<WorkflowProblem> problems = new ArrayList<>();
        for (String nodeId : overrides.keySet()) {
            if (!panels.containsKey(nodeId)) {
                problems.add(new WorkflowProblem(nodeId, "", "no such node; nodes: " + String.join(", ",
                        order.stream().map(WorkflowNode::id).toList())));
            }
        }
        Map<String, OperationRequest> requests = new LinkedHashMap<>();
        for (WorkflowNode n : order) {
            Map<String, JsonElement> values = new LinkedHashMap<>(n.params());
            values.putAll(overrides.getOrDefault(n.id(), Map.of()));
            try {
                requests.put(n.id(), panels.get(n.id()).bind(values));
            } catch (InvalidParametersException e) {
                for (FieldProblem p : e.problems()) {
                    problems.add(new WorkflowProblem(n.id(), p.field(), p.message()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WorkflowException(id(), problems);
        }
        return requests;
    }
}
