package dev.g4j.provider.api;

/**
 * The upstream application accepted the request but failed while processing it (a Gradio
 * {@code process_completed} with {@code success: false}, or an {@code unexpected_error}). The message carries the
 * server's own message when it sent one.
 */
public class RemoteProcessException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public RemoteProcessException(String message) {
        super(message);
    }

    public RemoteProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
