package dev.g4j.gradio;

/** The {@link GradioClient} was closed while the call was running. */
public final class GradioClosedException extends GradioException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param message what happened and what to do
     */
    public GradioClosedException(String message) {
        super(message);
    }
}
