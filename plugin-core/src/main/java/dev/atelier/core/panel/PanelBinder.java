package dev.atelier.core.panel;

import dev.atelier.core.operation.OperationRequest;
import java.util.List;

/**
 * Turns a panel's validated values into its typed request. {@link Panel#bind} first validates each field, then
 * calls {@link #check} for rules across fields, and calls {@link #build} only when nothing was wrong.
 */
@FunctionalInterface
public interface PanelBinder {

    /**
     * Returns the request for valid values. It must not throw for values that passed the fields and {@link #check}:
     * a request constructor rejecting them is a bug in the panel, reported as {@link IllegalStateException}.
     */
    OperationRequest build(BoundValues values);

    /**
     * Returns problems that span fields (e.g. Detect's low threshold above its high one), one per field involved.
     * Fields with invalid values are absent from {@code values} ({@link BoundValues#has}); skip rules that need them.
     */
    default List<FieldProblem> check(BoundValues values) {
        return List.of();
    }
}
