package dev.g4j.gradio;

/**
 * The server answered a config, join or stream request with an HTTP status that means failure. Carries the status
 * and the start of the body (at most {@value #MAX_EXCERPT} characters).
 */
public class GradioStatusException extends GradioException {
    private static final long serialVersionUID = 1L;

    /** The longest body excerpt kept, in characters. */
    public static final int MAX_EXCERPT = 512;

    private final int status;
    private final String bodyExcerpt;

    /**
     * Makes an exception.
     *
     * @param status the HTTP status code
     * @param body the response body or its start, or null; cut to {@value #MAX_EXCERPT} characters
     * @param message what happened and what to do
     */
    public GradioStatusException(int status, String body, String message) {
        super(message);
        this.status = status;
        this.bodyExcerpt = excerpt(body);
    }

    /**
     * The HTTP status code.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The start of the response body.
     *
     * @return at most {@value #MAX_EXCERPT} characters, never null
     */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /**
     * Cuts a body to {@value #MAX_EXCERPT} characters, marking the cut.
     *
     * @param body the body, or null
     * @return the excerpt, empty for null
     */
    public static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= MAX_EXCERPT ? body : body.substring(0, MAX_EXCERPT) + "…";
    }
}
