package dev.g4j.sse;

/**
 * A server-sent event grew past the parser's size limit; the parser is unusable afterwards. Callers translate it
 * into their own error type (a protocol error of the upstream).
 */
public final class SseEventTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @serial the size limit that was exceeded, in bytes */
    private final int limit;

    /**
     * Creates the exception.
     *
     * @param limit the limit in bytes that was exceeded
     * @param message what happened and what to do
     */
    public SseEventTooLargeException(int limit, String message) {
        super(message);
        this.limit = limit;
    }

    /**
     * The limit that was exceeded.
     *
     * @return the largest event size accepted, in bytes
     */
    public int limit() {
        return limit;
    }
}
