package dev.g4j.gradio;

/** The queue is full or stopped (HTTP 503) or the host is rate limiting (HTTP 429): retry later, with backoff. */
public final class GradioRateLimitException extends GradioStatusException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param status 429 or 503
     * @param body the response body or its start, or null
     * @param message what happened and what to do
     */
    public GradioRateLimitException(int status, String body, String message) {
        super(status, body, message);
    }
}
