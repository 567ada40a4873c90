package dev.g4j.provider.api;

/**
 * The provider is known to be out of order ({@link AsyncGeneratorProvider#working()} is false) and
 * was asked for directly.
 */
public class ProviderNotWorkingException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public ProviderNotWorkingException(String message) {
        super(message);
    }

    public ProviderNotWorkingException(String message, Throwable cause) {
        super(message, cause);
    }
}
