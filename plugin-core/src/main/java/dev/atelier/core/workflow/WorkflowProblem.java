package dev.atelier.core.workflow;

import java.util.Objects;

/**
 * One thing wrong with a workflow, located by node and field where it has one, e.g.
 * {@code node 'restyle', field 'influence': must be 0..100 (got 150)}.
 *
 * @param node the node id, or empty when the problem is not a node's
 * @param field the field, port or key concerned, or empty
 * @param message what is wrong
 */
public record WorkflowProblem(String node, String field, String message) {

    public WorkflowProblem {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    static WorkflowProblem of(String message) {
        return new WorkflowProblem("", "", message);
    }

    static WorkflowProblem at(String field, String message) {
        return new WorkflowProblem("", field, message);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (!node.isEmpty()) {
            s.append("node '").append(node).append('\'');
        }
        if (!field.isEmpty()) {
            s.append(s.isEmpty() ? "" : ", ");
            // A bare key is quoted as a field; a phrase such as "edge a.image -> b.image" reads as it is.
            s.append(field.contains(" ") ? field : "field '" + field + "'");
        }
        return s.isEmpty() ? message : s + ": " + message;
    }
}
