package dev.atelier.core.workflow;

/** A node input: what it takes and whether the node can run without it (Expand's mask is optional). */
public record InputPort(PortType type, boolean required) {}
