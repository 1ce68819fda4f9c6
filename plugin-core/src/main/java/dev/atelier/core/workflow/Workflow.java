package dev.atelier.core.workflow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workflow document as read, before checking: see {@code docs/workflows.md} for the JSON and
 * {@link WorkflowChecker} for what makes one valid. Lists keep the file's order.
 *
 * @param id kebab-case id; an App panel's id
 * @param title the App panel's title
 * @param description a sentence on what it does; may be empty
 */
public record Workflow(String id, String title, String description, List<WorkflowInput> inputs,
        List<WorkflowNode> nodes, List<Edge> edges, List<ExposedParameter> parameters, List<WorkflowOutput> outputs) {

    /** The only format this version reads and writes. */
    public static final int FORMAT = 1;

    public Workflow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        inputs = List.copyOf(inputs);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        parameters = List.copyOf(parameters);
        outputs = List.copyOf(outputs);
    }

    public Optional<WorkflowNode> node(String nodeId) {
        return nodes.stream().filter(n -> n.id().equals(nodeId)).findFirst();
    }

    public Optional<WorkflowInput> input(String inputId) {
        return inputs.stream().filter(i -> i.id().equals(inputId)).findFirst();
    }
}
