package dev.atelier.core.operation;

import java.util.Objects;

/** Remove background: keep the main subject, put {@code background} behind it. */
public record RemoveBackgroundRequest(Background background) implements OperationRequest {

    public RemoveBackgroundRequest {
        Objects.requireNonNull(background, "background");
    }

    @Override
    public Operation operation() {
        return Operation.REMOVE_BACKGROUND;
    }
}
