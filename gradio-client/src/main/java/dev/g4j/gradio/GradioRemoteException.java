package dev.g4j.gradio;

/**
 * The app failed while processing the event ({@code process_completed} with {@code success: false}) or reported an
 * {@code unexpected_error} (server stopping, session unknown). The message carries the server's own text when it
 * sent one.
 */
public final class GradioRemoteException extends GradioException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param message what happened and what to do
     */
    public GradioRemoteException(String message) {
        super(message);
    }
}
