package dev.g4j.examples.cli;

/**
 * Standard output was closed by its reader ({@code g4j ... | head -n 1}). The answer is cancelled and g4j ends
 * quietly, as line-oriented tools do when their reader has had enough.
 */
final class OutputClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputClosedException() {
        super("Standard output was closed", null, false, false);
    }
}
