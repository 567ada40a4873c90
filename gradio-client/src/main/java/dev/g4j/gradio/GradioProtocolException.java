package dev.g4j.gradio;

/**
 * The server answered something this client cannot accept: malformed JSON, a message or body above a size limit,
 * an unreadable edit list, a join without an event id, a config that is not a Gradio config.
 */
public class GradioProtocolException extends GradioException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param message what happened and what to do
     */
    public GradioProtocolException(String message) {
        super(message);
    }

    /**
     * Makes an exception with a cause.
     *
     * @param message what happened and what to do
     * @param cause the underlying failure, or null
     */
    public GradioProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
