package dev.g4j.provider.api;

/**
 * The upstream service answered with something this client cannot read: malformed JSON, an
 * event larger than the configured limit, or a message sequence the protocol does not allow.
 */
public class UpstreamProtocolException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public UpstreamProtocolException(String message) {
        super(message);
    }

    public UpstreamProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
