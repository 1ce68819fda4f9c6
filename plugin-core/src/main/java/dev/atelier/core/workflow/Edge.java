package dev.atelier.core.workflow;

import java.util.Objects;

/** Feeds one port into another: {@code from} is a node output or a workflow input, {@code to} a node input. */
public record Edge(Endpoint from, Endpoint to) {

    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
