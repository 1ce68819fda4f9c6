/**
 * The geometry of masked operations, shared by every engine: {@link dev.atelier.core.plan.InpaintPlanner} turns a
 * selection into a context crop, a generation mask and a blend mask; {@link dev.atelier.core.plan.ExpandPlanner}
 * turns margins or an aspect ratio into a new canvas and its masks; {@link dev.atelier.core.plan.PlanCompositor}
 * lays the engine's output back so pixels outside the blend stay bit-identical. Plans are plain values with a
 * readable {@code describe()}.
 */
package dev.atelier.core.plan;
