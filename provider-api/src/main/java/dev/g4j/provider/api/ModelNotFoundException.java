package dev.g4j.provider.api;

/**
 * The requested model (or alias) is served by no provider, or not by the provider that was asked.
 * The message lists the valid names and the closest match.
 */
public class ModelNotFoundException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String message) {
        super(message);
    }

    public ModelNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
