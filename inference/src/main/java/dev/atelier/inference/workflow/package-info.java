/**
 * Runs checked workflows ({@code core.workflow}): {@link dev.atelier.inference.workflow.WorkflowRun} walks the nodes
 * in order through a {@link dev.atelier.inference.workflow.NodeExecutor} (daemon jobs, in the daemon or over the
 * socket), keeps each node's output so a failed node can be retried alone, and reports progress across nodes.
 */
package dev.atelier.inference.workflow;
