/**
 * Workflows: operations chained into a graph (nodes, edges, named inputs and outputs, exposed parameters), read from
 * a versioned JSON document ({@link dev.atelier.core.workflow.WorkflowJson}), checked as a whole with every problem
 * named by node and field ({@link dev.atelier.core.workflow.WorkflowChecker}), and published as an App panel when it
 * exposes parameters ({@link dev.atelier.core.workflow.AppPanels}). Running them lives in {@code inference}.
 */
package dev.atelier.core.workflow;
