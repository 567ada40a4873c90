package dev.g4j.provider.api;

/**
 * Where a provider built with {@link AsyncResult#create(java.util.function.Consumer)} puts its answer. Chunks are
 * buffered until the subscriber asks for them; {@link #onDemand(Runnable)} tells a producer that can pause when to
 * go on. Exactly one terminal signal reaches the subscriber, and {@link ResponseChunk.Finish} is always the last
 * chunk: {@link #complete()} adds {@code Finish("stop")} unless a {@code Finish} was emitted, and anything emitted
 * after a {@code Finish} is dropped. Every method is thread-safe.
 */
public interface ChunkSink {

    /**
     * Hands one chunk to the subscriber (buffered until it asks for it).
     *
     * @param chunk the chunk, not null
     * @return false when the stream is cancelled or already ended, so the chunk was dropped and the producer
     *         should stop
     */
    boolean emit(ResponseChunk chunk);

    /**
     * Emits a {@link ResponseChunk.Text} unless {@code text} is null or empty.
     *
     * @param text a delta of the answer
     * @return false when the stream is cancelled or already ended
     */
    default boolean emitText(String text) {
        return text == null || text.isEmpty() ? !isDone() : emit(ResponseChunk.text(text));
    }

    /** Ends the answer normally (with {@code Finish("stop")} unless a {@code Finish} was emitted). Later calls are ignored. */
    void complete();

    /**
     * Ends the answer with an error, after the chunks already emitted. Later calls are ignored.
     *
     * @param error the failure, preferably a {@link ProviderException}
     */
    void fail(Throwable error);

    /**
     * Tells whether the subscriber cancelled.
     *
     * @return true once the subscriber cancelled
     */
    boolean isCancelled();

    /**
     * Tells whether the stream ended in any way.
     *
     * @return true once completed, failed or cancelled
     */
    boolean isDone();

    /**
     * How many more chunks the subscriber asked for than it was given or than are buffered.
     *
     * @return the outstanding demand, 0 when the producer should pause
     */
    long demand();

    /**
     * Registers what to run when the subscriber wants more and nothing is buffered (replacing an earlier action).
     * A producer that pauses resumes from here.
     *
     * @param action run on the thread that requested, never concurrently with itself
     */
    void onDemand(Runnable action);

    /**
     * Registers what to run once when the subscriber cancels: stop upstream work, close connections. Runs at once
     * when the subscriber already cancelled.
     *
     * @param action the clean-up
     */
    void onCancel(Runnable action);
}
