package dev.g4j.gradio;

import java.net.URI;

/**
 * The server redirected to another origin (scheme, host or port), or redirected too often. The client follows a
 * redirect only within the app's origin, so that its bearer token and cookies never reach another host.
 */
public final class GradioRedirectException extends GradioProtocolException {
    private static final long serialVersionUID = 1L;

    private final URI target;

    /**
     * Makes an exception.
     *
     * @param target where the server redirected to (without user info or query)
     * @param message what happened and what to do
     */
    public GradioRedirectException(URI target, String message) {
        super(message);
        this.target = target;
    }

    /**
     * The refused redirect target.
     *
     * @return the target, without user info or query
     */
    public URI target() {
        return target;
    }
}
