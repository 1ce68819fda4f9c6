package dev.atelier.inference.engine;

import dev.atelier.core.error.AtelierException;
import dev.atelier.core.error.ErrorCode;
import java.util.concurrent.atomic.AtomicBoolean;

/** A cancel flag an engine checks between steps or tiles; set by the job queue when a user cancels. */
public final class CancelToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Returns a token that is never cancelled, for direct (non-daemon) calls. */
    public static CancelToken none() {
        return new CancelToken();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws a CANCELLED error when cancel was requested; engines call this between units of work. */
    public void check() throws AtelierException {
        if (cancelled.get()) {
            throw new AtelierException(ErrorCode.CANCELLED, "Cancelled");
        }
    }
}
