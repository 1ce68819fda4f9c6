package dev.atelier.core.operation;

import java.util.Objects;

/**
 * Remove background: keep the main subject, put {@code background} behind it — or, with {@code maskOnly}, return
 * the mask itself (an opaque grey image: white subject, black background) for hosts' own masking.
 */
public record RemoveBackgroundRequest(Background background, boolean maskOnly) implements OperationRequest {

    public RemoveBackgroundRequest {
        Objects.requireNonNull(background, "background");
    }

    /** The cut-out on {@code background}. */
    public RemoveBackgroundRequest(Background background) {
        this(background, false);
    }

    @Override
    public Operation operation() {
        return Operation.REMOVE_BACKGROUND;
    }
}
