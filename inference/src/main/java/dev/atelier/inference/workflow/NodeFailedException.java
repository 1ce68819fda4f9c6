package dev.atelier.inference.workflow;

import dev.atelier.core.error.AtelierException;

/**
 * A node's job failed: keeps the job's error code and names the node, e.g.
 * {@code node 'upscale' (upscale) failed: Out of memory ...}. The nodes before it keep their outputs for a retry.
 */
public class NodeFailedException extends AtelierException {

    private final String node;

    public NodeFailedException(String node, String operation, AtelierException cause) {
        super(cause.code(), "node '" + node + "' (" + operation + ") failed: " + cause.getMessage(), cause);
        this.node = node;
    }

    public String node() {
        return node;
    }
}
