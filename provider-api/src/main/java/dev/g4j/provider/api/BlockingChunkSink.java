package dev.g4j.provider.api;

/**
 * Where a blocking producer (a loop over an {@link java.util.Iterator}, a line reader) puts its answer; see
 * {@link AsyncResult#fromBlocking(java.util.concurrent.Executor, BlockingProducer)}. {@link #emit(ResponseChunk)}
 * waits until the subscriber asks for the chunk, so a slow subscriber slows the producer down.
 */
public interface BlockingChunkSink {

    /**
     * Waits until the subscriber wants a chunk, then hands this one over.
     *
     * @param chunk the chunk, not null
     * @return false when the subscriber cancelled (or the stream ended): stop producing and return
     * @throws InterruptedException when the producing thread is interrupted while waiting
     */
    boolean emit(ResponseChunk chunk) throws InterruptedException;

    /**
     * Emits a {@link ResponseChunk.Text} unless {@code text} is null or empty.
     *
     * @param text a delta of the answer
     * @return false when the subscriber cancelled
     * @throws InterruptedException when the producing thread is interrupted while waiting
     */
    default boolean emitText(String text) throws InterruptedException {
        return text == null || text.isEmpty() ? !isCancelled() : emit(ResponseChunk.text(text));
    }

    /**
     * Tells whether the subscriber cancelled; a long computation between chunks should check it.
     *
     * @return true once the subscriber cancelled
     */
    boolean isCancelled();
}
