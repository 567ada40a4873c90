package dev.g4j.provider.api;

/**
 * Base of every error a provider, the registry or a transport raises. Unchecked, like the JDK's
 * {@code UncheckedIOException}: streaming code surfaces it through {@code Flow.Subscriber#onError},
 * blocking helpers rethrow it as is.
 */
public class ProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
