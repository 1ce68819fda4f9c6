package dev.atelier.core.error;

/**
 * Thrown when an Atelier operation fails in a way the caller should show to the user: it carries a stable
 * {@link ErrorCode} and a one-line, human message.
 */
public class AtelierException extends Exception {

    private final ErrorCode code;

    public AtelierException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public AtelierException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** Returns "NAME (code): message", the form the CLI prints. */
    public String describe() {
        return code.name() + " (" + code.wire() + "): " + getMessage();
    }
}
