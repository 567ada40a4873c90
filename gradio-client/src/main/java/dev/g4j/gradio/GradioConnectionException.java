package dev.g4j.gradio;

/** The app could not be reached, or the connection broke before the call ended (the call's events are lost). */
public class GradioConnectionException extends GradioException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param message what happened and what to do
     * @param cause the transport failure, or null
     */
    public GradioConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
