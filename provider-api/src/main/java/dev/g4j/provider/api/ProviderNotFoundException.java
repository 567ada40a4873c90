package dev.g4j.provider.api;

/**
 * No provider is registered under the requested name. The message lists the known names.
 */
public class ProviderNotFoundException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public ProviderNotFoundException(String message) {
        super(message);
    }

    public ProviderNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
