package dev.g4j.gradio.testkit;

/**
 * The Gradio release line the simulator imitates.
 *
 * <p>{@link #GRADIO_4} imitates Gradio 4.44.1: routes live at the root. {@link #GRADIO_5} imitates
 * Gradio 5.9.1: every route except {@code /config} lives under {@code /gradio_api}, generating messages
 * carry {@code time_limit}, completed messages carry {@code title}, and {@code gr.Error} payloads carry
 * {@code "title":"Error"}. {@link #GRADIO_6} imitates Gradio 6.25: the Gradio 5 routes and messages, with
 * {@code api_visibility} instead of {@code show_api} in {@code /config}.
 */
public enum GradioMode {
    /** Gradio 4.44.1, {@code api_prefix ""}. */
    GRADIO_4("4.44.1", ""),
    /** Gradio 5.9.1, {@code api_prefix "/gradio_api"}. */
    GRADIO_5("5.9.1", "/gradio_api"),
    /** Gradio 6.25.0, {@code api_prefix "/gradio_api"}. */
    GRADIO_6("6.25.0", "/gradio_api");

    private final String version;
    private final String apiPrefix;

    GradioMode(String version, String apiPrefix) {
        this.version = version;
        this.apiPrefix = apiPrefix;
    }

    /**
     * The value of {@code config.version}.
     *
     * @return the version
     */
    public String version() {
        return version;
    }

    /**
     * The path prefix of every route except {@code /config}; empty for Gradio 4.
     *
     * @return the prefix
     */
    public String apiPrefix() {
        return apiPrefix;
    }

    /**
     * Whether message and {@code /config} shapes carry the Gradio 5 additions ({@code time_limit},
     * {@code title}, {@code connection}…).
     *
     * @return true for Gradio 5 and 6
     */
    public boolean atLeastFive() {
        return this != GRADIO_4;
    }

    /**
     * Whether {@code /config} has the Gradio 6 shapes ({@code api_visibility}, no top-level {@code show_api}).
     *
     * @return true for Gradio 6
     */
    public boolean atLeastSix() {
        return this == GRADIO_6;
    }
}
