package dev.g4j.gradio;

/**
 * Why a Gradio call or config fetch failed. The subclasses say what kind of failure it was, so that a caller (a
 * provider, for example) can map each to its own error types without reading messages:
 * {@link GradioConnectionException}, {@link GradioProtocolException} (and {@link GradioRedirectException}),
 * {@link GradioStatusException} (and {@link GradioRateLimitException}), {@link GradioRemoteException},
 * {@link GradioTimeoutException} and {@link GradioClosedException}. This class itself is used for failures that fit
 * none of them, such as an api name the app does not have.
 *
 * <p>Messages say what happened and what to do; they never contain a bearer token or proxy password.
 */
public class GradioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param message what happened and what to do
     */
    public GradioException(String message) {
        super(message);
    }

    /**
     * Makes an exception with a cause.
     *
     * @param message what happened and what to do
     * @param cause the underlying failure, or null
     */
    public GradioException(String message, Throwable cause) {
        super(message, cause);
    }
}
