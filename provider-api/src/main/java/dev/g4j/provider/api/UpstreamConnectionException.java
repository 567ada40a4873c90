package dev.g4j.provider.api;

/**
 * The upstream service could not be reached (DNS, refused connection, TLS, proxy) or the connection
 * broke before the answer was complete. The message names the host; check the network, or set a proxy.
 */
public class UpstreamConnectionException extends ProviderException {
    private static final long serialVersionUID = 1L;

    public UpstreamConnectionException(String message) {
        super(message);
    }

    public UpstreamConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
