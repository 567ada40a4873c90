package dev.g4j.provider.api;

/**
 * The upstream refused the request for load reasons: HTTP 429, or a remote queue that is full (Gradio's 503
 * "Queue is full"). Trying again later, or another provider, may succeed.
 */
public class RateLimitException extends ResponseStatusException {
    private static final long serialVersionUID = 1L;

    public RateLimitException(String message) {
        super(message);
    }

    public RateLimitException(String message, Throwable cause) {
        super(message, cause);
    }

    public RateLimitException(int status, String body, String message) {
        super(status, body, message);
    }
}
