package dev.g4j.gradio.internal;

/** An edit cannot be applied to the current value (missing path, wrong container type, index out of range). */
public final class DiffException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes an exception.
     *
     * @param message what does not fit
     */
    public DiffException(String message) {
        super(message);
    }
}
