package dev.atelier.core.workflow;

import java.util.Objects;

/** A named result of a workflow: the image (or mask) of one node's output port. */
public record WorkflowOutput(String id, Endpoint from) {

    public WorkflowOutput {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
    }
}
