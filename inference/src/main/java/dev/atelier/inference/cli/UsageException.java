package dev.atelier.inference.cli;

/** Thrown for a user mistake on the command line; printed as one line, exit code 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
