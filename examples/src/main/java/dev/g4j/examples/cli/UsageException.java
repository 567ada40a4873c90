package dev.g4j.examples.cli;

/** The command line cannot be understood; the message says what is wrong. Leads to exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
