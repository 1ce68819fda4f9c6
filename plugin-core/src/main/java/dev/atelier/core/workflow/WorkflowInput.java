package dev.atelier.core.workflow;

import java.util.Objects;

/** A named input a workflow is given when it runs: the image (or mask) a host or the CLI supplies. */
public record WorkflowInput(String id, PortType type, boolean optional) {

    public WorkflowInput {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }
}
