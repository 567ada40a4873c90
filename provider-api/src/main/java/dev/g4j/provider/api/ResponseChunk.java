package dev.g4j.provider.api;

/**
 * One item of a streamed answer. Consumers test for the records they care about (Java 17 has pattern matching for
 * {@code instanceof}; {@code switch} patterns need Java 21):
 *
 * <pre>{@code
 * if (chunk instanceof ResponseChunk.Text t) {
 *     System.out.print(t.text());
 * } else if (chunk instanceof ResponseChunk.Reasoning r) {
 *     System.err.print(r.text());
 * }
 * }</pre>
 *
 * <p>The answer is the concatenation of every {@link Text} delta, except that a {@link TextReplaced} chunk
 * discards everything received so far and puts its own text in its place; later {@link Text} deltas append to
 * that. {@link AsyncResult#text()} applies this rule.
 */
public sealed interface ResponseChunk
        permits ResponseChunk.Text, ResponseChunk.TextReplaced, ResponseChunk.Reasoning, ResponseChunk.Usage,
        ResponseChunk.ProviderInfo, ResponseChunk.QueueStatus, ResponseChunk.Notice, ResponseChunk.Finish {

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
     * A piece of the model's reasoning ("thinking") that precedes or accompanies the answer. It is kept apart from
     * the answer: {@link AsyncResult#text()} leaves it out. Never empty.
     *
     * @param text the delta of the reasoning
     */
    record Reasoning(String text) implements ResponseChunk {
        public Reasoning {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("A reasoning chunk must not be null or empty");
            }
        }
    }

    /**
     * Token counts reported by the upstream, usually once, just before {@link Finish}. A count is null when the
     * upstream did not report it.
     *
     * @param promptTokens tokens of the input, or null
     * @param completionTokens tokens of the output (reasoning included), or null
     * @param totalTokens the sum, or null
     */
    record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens) implements ResponseChunk {
        public Usage {
            checkCount(promptTokens, "promptTokens");
            checkCount(completionTokens, "completionTokens");
            checkCount(totalTokens, "totalTokens");
        }

        private static void checkCount(Integer count, String name) {
            if (count != null && count < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + count);
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

    /**
     * Makes a {@link Text} chunk.
     *
     * @param text the delta, not empty
     * @return the chunk
     */
    static Text text(String text) {
        return new Text(text);
    }

    /**
     * Makes a {@link TextReplaced} chunk.
     *
     * @param text the whole answer so far
     * @return the chunk
     */
    static TextReplaced replaced(String text) {
        return new TextReplaced(text);
    }

    /**
     * Makes a {@link Reasoning} chunk.
     *
     * @param text the delta of the reasoning, not empty
     * @return the chunk
     */
    static Reasoning reasoning(String text) {
        return new Reasoning(text);
    }

    /**
     * Makes a {@link Usage} chunk.
     *
     * @param promptTokens tokens of the input, or null
     * @param completionTokens tokens of the output, or null
     * @param totalTokens the sum, or null
     * @return the chunk
     */
    static Usage usage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
        return new Usage(promptTokens, completionTokens, totalTokens);
    }

    /**
     * Makes a {@link ProviderInfo} chunk.
     *
     * @param provider the provider's name
     * @param model the canonical model name
     * @return the chunk
     */
    static ProviderInfo providerInfo(String provider, String model) {
        return new ProviderInfo(provider, model);
    }

    /**
     * Makes a {@link QueueStatus} chunk.
     *
     * @param rank requests ahead
     * @param queueSize requests waiting in all, or -1
     * @param etaSeconds the server's estimate, or null
     * @return the chunk
     */
    static QueueStatus queueStatus(int rank, int queueSize, Double etaSeconds) {
        return new QueueStatus(rank, queueSize, etaSeconds);
    }

    /**
     * Makes a {@link Notice} chunk.
     *
     * @param level {@code info}, {@code warning}, {@code success} or {@code error}
     * @param message the text shown to a user
     * @return the chunk
     */
    static Notice notice(String level, String message) {
        return new Notice(level, message);
    }

    /**
     * Makes a {@link Finish} chunk.
     *
     * @param reason why the answer ended, {@code "stop"} for a natural end
     * @return the chunk
     */
    static Finish finish(String reason) {
        return new Finish(reason);
    }
}
