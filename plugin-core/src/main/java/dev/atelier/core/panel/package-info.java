/**
 * Panels: host-neutral descriptions of each operation's controls, and their validation into typed requests.
 *
 * <ul>
 *   <li>{@link dev.atelier.core.panel.Field} and its records describe one control each (text, multiline, slider,
 *       choice, toggle, seed, source); {@link dev.atelier.core.panel.Preset} names a set of values;
 *       {@link dev.atelier.core.panel.PanelDescriptor} orders them into a panel.
 *   <li>{@link dev.atelier.core.panel.PanelJson} writes and reads descriptors as JSON, the form the daemon sends
 *       to hosts (see {@code docs/panels.md}).
 *   <li>{@link dev.atelier.core.panel.Panel} pairs a descriptor with a {@link dev.atelier.core.panel.PanelBinder}:
 *       {@code bind} validates received values (typed JSON, or CLI strings) and returns the operation's
 *       {@link dev.atelier.core.operation.OperationRequest}, or throws
 *       {@link dev.atelier.core.panel.InvalidParametersException} naming every bad field.
 *   <li>{@link dev.atelier.core.panel.BuiltInPanels} lists the panels Atelier ships.
 * </ul>
 *
 * <p>Nothing here depends on a UI toolkit.
 */
package dev.atelier.core.panel;
