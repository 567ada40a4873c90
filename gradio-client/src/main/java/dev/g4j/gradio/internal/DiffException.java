package dev.g4j.gradio.internal;

/** An edit cannot be applied to the current value (missing path, wrong container type, index out of range). */
public final class DiffException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DiffException(String message) {
        super(message);
    }
}
