package dev.g4j.provider.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The upstream refused the request for load reasons: HTTP 429, or a remote queue that is full (Gradio's 503
 * "Queue is full"). Trying again later, or another provider, may succeed.
 */
public class RateLimitException extends ResponseStatusException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception without a status.
     *
     * @param message what happened and what to do
     */
    public RateLimitException(String message) {
        super(message);
        this.retryAfter = null;
    }

    /**
     * Creates the exception without a status.
     *
     * @param message what happened and what to do
     * @param cause the underlying failure
     */
    public RateLimitException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    /**
     * Creates the exception for an HTTP answer.
     *
     * @param status the HTTP status code
     * @param body the response body, or null
     * @param message what happened and what to do
     */
    public RateLimitException(int status, String body, String message) {
        this(status, body, message, null);
    }

    /**
     * Creates the exception for an HTTP answer that said when to try again.
     *
     * @param status the HTTP status code
     * @param body the response body, or null
     * @param message what happened and what to do
     * @param retryAfter how long the upstream asked to wait ({@code Retry-After}), or null when it did not say
     */
    public RateLimitException(int status, String body, String message, Duration retryAfter) {
        super(status, body, message);
        this.retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
    }

    /**
     * How long the upstream asked to wait before trying again.
     *
     * @return the wait from {@code Retry-After}, or empty when the upstream did not say
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
