package dev.atelier.core.client;

import dev.atelier.core.panel.PanelDescriptor;
import java.util.Optional;

/** A panel as the daemon lists it: the descriptor, and whether an installed engine can run it now. */
public record RemotePanel(PanelDescriptor descriptor, boolean available, Optional<String> unavailableReason) {}
