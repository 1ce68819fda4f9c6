package dev.atelier.core.client;

import java.util.List;

/**
 * The daemon's PANELS reply: every panel (built-ins first, then Apps) and the workflow files it could not use.
 */
public record PanelListing(List<RemotePanel> panels, List<BrokenWorkflow> brokenWorkflows) {

    public PanelListing {
        panels = List.copyOf(panels);
        brokenWorkflows = List.copyOf(brokenWorkflows);
    }

    /** A workflow file the daemon found but cannot publish as an App, and why (parse, check or duplicate id). */
    public record BrokenWorkflow(String file, String error) {}
}
