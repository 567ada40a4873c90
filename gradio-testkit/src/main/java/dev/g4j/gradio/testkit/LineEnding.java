package dev.g4j.gradio.testkit;

/** The line terminator used to frame SSE messages on the wire; a real Gradio server uses {@link #LF}. */
public enum LineEnding {
    /** {@code \n}, as Gradio sends it. */
    LF("\n"),
    /** {@code \r\n}, as some proxies rewrite it. */
    CRLF("\r\n"),
    /** A bare {@code \r}, legal in SSE and rarely seen. */
    CR("\r");

    private final String text;

    LineEnding(String text) {
        this.text = text;
    }

    /** The terminator characters. */
    public String text() {
        return text;
    }
}
