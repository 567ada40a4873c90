package dev.g4j.gradio;

import java.time.Duration;

/** A time limit passed: connecting, waiting for the next bytes, or the whole call. */
public final class GradioTimeoutException extends GradioException {
    private static final long serialVersionUID = 1L;

    /** Which limit passed. */
    public enum Kind {
        /** Opening the connection. */
        CONNECT,
        /** Silence on a response (heartbeats count as activity). */
        IDLE,
        /** The whole call, from subscription (config fetch included) to its last event. */
        TOTAL
    }

    private final Kind kind;
    private final Duration limit;

    /**
     * Makes an exception.
     *
     * @param kind which limit passed
     * @param limit the limit's value
     * @param message what happened and what to do
     * @param cause the transport's timeout, or null
     */
    public GradioTimeoutException(Kind kind, Duration limit, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.limit = limit;
    }

    /**
     * Which limit passed.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The limit that passed.
     *
     * @return its value
     */
    public Duration limit() {
        return limit;
    }
}
