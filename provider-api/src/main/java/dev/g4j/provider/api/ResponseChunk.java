package dev.g4j.provider.api;

/**
 * One item of a streamed answer. Consumers usually switch over the records:
 *
 * <pre>{@code
 * switch (chunk) ... // or:
 * if (chunk instanceof ResponseChunk.Text t) System.out.print(t.text());
 * }</pre>
 *
 * <p>The answer is the concatenation of every {@link Text} delta, except that a {@link TextReplaced} chunk
 * discards everything received so far and puts its own text in its place; later {@link Text} deltas append to
 * that. {@link AsyncResult#text()} applies this rule.
 */
public sealed interface ResponseChunk
        permits ResponseChunk.Text, ResponseChunk.TextReplaced, ResponseChunk.ProviderInfo,
        ResponseChunk.QueueStatus, ResponseChunk.Notice, ResponseChunk.Finish {

    /**
     * A piece of the answer to append to what came before. Never empty.
     *
     * @param text the delta
     */
    record Text(String text) implements ResponseChunk {
        public Text {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("A text chunk must not be null or empty");
            }
        }
    }

    /**
     * The upstream rewrote text it had already streamed (Gradio's chat components re-format the whole message,
     * for example when its common indentation changes): the answer so far is now exactly {@code text}, which
     * replaces everything received before. A terminal UI should redraw the answer; a consumer that cannot
     * redraw should wait for the end and use {@link AsyncResult#text()}.
     *
     * @param text the whole answer so far, possibly empty
     */
    record TextReplaced(String text) implements ResponseChunk {
        public TextReplaced {
            if (text == null) {
                throw new IllegalArgumentException("A replacement text must not be null");
            }
        }
    }

    /**
     * Who answers: sent when an attempt starts, so a consumer of a failover chain sees each provider tried.
     *
     * @param provider the provider's {@link AsyncGeneratorProvider#name()}
     * @param model the canonical model name the provider was asked for
     */
    record ProviderInfo(String provider, String model) implements ResponseChunk {
    }

    /**
     * The request waits in a remote queue.
     *
     * @param rank how many requests are ahead (0: next to run)
     * @param queueSize how many requests wait in all, or -1 when unknown
     * @param etaSeconds the server's estimate of the wait, or null when it has none
     */
    record QueueStatus(int rank, int queueSize, Double etaSeconds) implements ResponseChunk {
    }

    /**
     * A message from the upstream that is not part of the answer, such as a Gradio {@code gr.Info} or
     * {@code gr.Warning}.
     *
     * @param level {@code info}, {@code warning}, {@code success} or {@code error}
     * @param message the text shown to a user
     */
    record Notice(String level, String message) implements ResponseChunk {
    }

    /**
     * The answer is complete; always the last chunk of a successful stream.
     *
     * @param reason why it ended, {@code "stop"} for a natural end
     */
    record Finish(String reason) implements ResponseChunk {
    }

    static Text text(String text) {
        return new Text(text);
    }

    static TextReplaced replaced(String text) {
        return new TextReplaced(text);
    }

    static ProviderInfo providerInfo(String provider, String model) {
        return new ProviderInfo(provider, model);
    }

    static QueueStatus queueStatus(int rank, int queueSize, Double etaSeconds) {
        return new QueueStatus(rank, queueSize, etaSeconds);
    }

    static Finish finish(String reason) {
        return new Finish(reason);
    }
}
