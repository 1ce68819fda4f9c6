package dev.atelier.inference.models;

/** A model-store problem worded for the user: one line, no stack trace needed. */
public final class ModelException extends Exception {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
