package dev.g4j.gradio.testkit;

/**
 * The Gradio release line the simulator imitates.
 *
 * <p>{@link #GRADIO_4} imitates Gradio 4.44.1: routes live at the root. {@link #GRADIO_5} imitates
 * Gradio 5.9.1: every route except {@code /config} lives under {@code /gradio_api}, generating messages
 * carry {@code time_limit}, completed messages carry {@code title}, and {@code gr.Error} payloads carry
 * {@code "title":"Error"}.
 */
public enum GradioMode {
    /** Gradio 4.44.1, {@code api_prefix ""}. */
    GRADIO_4("4.44.1", ""),
    /** Gradio 5.9.1, {@code api_prefix "/gradio_api"}. */
    GRADIO_5("5.9.1", "/gradio_api");

    private final String version;
    private final String apiPrefix;

    GradioMode(String version, String apiPrefix) {
        this.version = version;
        this.apiPrefix = apiPrefix;
    }

    /** The value of {@code config.version}. */
    public String version() {
        return version;
    }

    /** The path prefix of every route except {@code /config}; empty for Gradio 4. */
    public String apiPrefix() {
        return apiPrefix;
    }

    /**
     * Whether message and {@code /config} shapes carry the Gradio 5 additions ({@code time_limit},
     * {@code title}, {@code connection}…).
     *
     * @return true for Gradio 5
     */
    public boolean isFive() {
        return this == GRADIO_5;
    }
}
