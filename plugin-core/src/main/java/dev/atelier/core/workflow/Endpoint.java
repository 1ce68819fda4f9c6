package dev.atelier.core.workflow;

import java.util.Objects;

/**
 * One end of an edge, written {@code owner.port}: {@code restyle.image} is node {@code restyle}'s image port,
 * {@code inputs.photo} is the workflow input {@code photo} (so no node may be called {@code inputs}).
 */
public record Endpoint(String owner, String port) {

    /** The owner name of the workflow's own inputs. */
    public static final String INPUTS = "inputs";

    public Endpoint {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(port, "port");
    }

    /** Parses {@code owner.port}; a name without a dot means the owner's {@code image} port. */
    public static Endpoint parse(String text) {
        int dot = text.lastIndexOf('.');
        if (dot < 0) {
            return new Endpoint(text, PortType.IMAGE.id());
        }
        if (dot == 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not node.port or inputs.name");
        }
        return new Endpoint(text.substring(0, dot), text.substring(dot + 1));
    }

    /** Returns true for {@code inputs.name}, a workflow input. */
    public boolean isWorkflowInput() {
        return INPUTS.equals(owner);
    }

    @Override
    public String toString() {
        return owner + "." + port;
    }
}
