package dev.g4j.provider.api;

/**
 * The upstream answered with an HTTP status that means failure. Carries the status and a bounded excerpt of the
 * body (at most {@value #MAX_EXCERPT} characters) so that logs stay small.
 */
public class ResponseStatusException extends ProviderException {
    private static final long serialVersionUID = 1L;

    /** The longest body excerpt kept, in characters. */
    public static final int MAX_EXCERPT = 512;

    private final int status;
    private final String bodyExcerpt;

    public ResponseStatusException(String message) {
        this(message, (Throwable) null);
    }

    public ResponseStatusException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.bodyExcerpt = "";
    }

    /**
     * @param status the HTTP status code
     * @param body the response body, or null; it is cut to {@value #MAX_EXCERPT} characters
     * @param message what happened and what to do
     */
    public ResponseStatusException(int status, String body, String message) {
        super(message);
        this.status = status;
        this.bodyExcerpt = excerpt(body);
    }

    /** The HTTP status code, or -1 when the exception was made without one. */
    public int status() {
        return status;
    }

    /** The start of the response body, never null, at most {@value #MAX_EXCERPT} characters. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** Cuts {@code body} to {@value #MAX_EXCERPT} characters, marking the cut. */
    public static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= MAX_EXCERPT ? body : body.substring(0, MAX_EXCERPT) + "…";
    }
}
