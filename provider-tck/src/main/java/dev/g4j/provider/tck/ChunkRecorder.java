package dev.g4j.provider.tck;

import dev.g4j.provider.api.ResponseChunk;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A subscriber for a provider's own tests: it requests an initial demand, records every chunk and the end of the
 * stream, and can run a hook on each chunk or cancel at the first text. Thread-safe to read from the test thread.
 */
public final class ChunkRecorder implements Flow.Subscriber<ResponseChunk> {
    private final List<ResponseChunk> chunks = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ResponseChunk> arrivals = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final long initialDemand;
    private final Consumer<ResponseChunk> onEach;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelOnFirstText;

    /**
     * A recorder that requests {@code initialDemand} chunks when subscribed.
     *
     * @param initialDemand the first request; 0 requests nothing
     */
    public ChunkRecorder(long initialDemand) {
        this(initialDemand, c -> { });
    }

    /**
     * A recorder that also runs {@code onEach} on every chunk, on the thread that delivers it.
     *
     * @param initialDemand the first request; 0 requests nothing
     * @param onEach the hook
     */
    public ChunkRecorder(long initialDemand, Consumer<ResponseChunk> onEach) {
        this.initialDemand = initialDemand;
        this.onEach = onEach;
    }

    /**
     * Makes the recorder cancel its subscription as soon as the first {@link ResponseChunk.Text} arrives.
     *
     * @return this recorder
     */
    public ChunkRecorder cancellingOnFirstText() {
        cancelOnFirstText = true;
        return this;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (initialDemand > 0) {
            s.request(initialDemand);
        }
    }

    @Override
    public void onNext(ResponseChunk item) {
        chunks.add(item);
        arrivals.add(item);
        onEach.accept(item);
        if (cancelOnFirstText && item instanceof ResponseChunk.Text) {
            cancelOnFirstText = false;
            subscription.cancel();
        }
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    /**
     * The chunks received so far.
     *
     * @return a live, thread-safe list in arrival order
     */
    public List<ResponseChunk> chunks() {
        return chunks;
    }

    /**
     * The chunks received, to take one at a time as they arrive.
     *
     * @return a queue the recorder adds each chunk to
     */
    public BlockingQueue<ResponseChunk> arrivals() {
        return arrivals;
    }

    /**
     * The end of the stream.
     *
     * @return completes with null on {@code onComplete}, exceptionally with the stream's error
     */
    public CompletableFuture<Void> done() {
        return done;
    }

    /**
     * The subscription, once subscribed.
     *
     * @return the subscription, or null before {@code onSubscribe}
     */
    public Flow.Subscription subscription() {
        return subscription;
    }

    /**
     * Waits for the end of the stream.
     *
     * @param seconds the most to wait
     * @return the stream's error, or null after a normal completion
     * @throws Exception when the stream did not end in time, or the wait was interrupted
     */
    public Throwable awaitEnd(long seconds) throws Exception {
        try {
            done.get(seconds, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /**
     * The text deltas.
     *
     * @return the text of each {@link ResponseChunk.Text}, in order
     */
    public List<String> texts() {
        return chunks.stream().filter(ResponseChunk.Text.class::isInstance).map(c -> ((ResponseChunk.Text) c).text()).toList();
    }

    /**
     * The answer as a consumer sees it.
     *
     * @return the texts joined, each {@link ResponseChunk.TextReplaced} replacing what came before it
     */
    public String folded() {
        return fold(chunks);
    }

    /**
     * Folds chunks into the answer a consumer sees.
     *
     * @param chunks chunks in stream order
     * @return the texts joined, each {@link ResponseChunk.TextReplaced} replacing what came before it
     */
    public static String fold(List<ResponseChunk> chunks) {
        StringBuilder sb = new StringBuilder();
        for (ResponseChunk c : chunks) {
            if (c instanceof ResponseChunk.Text t) {
                sb.append(t.text());
            } else if (c instanceof ResponseChunk.TextReplaced r) {
                sb.setLength(0);
                sb.append(r.text());
            }
        }
        return sb.toString();
    }
}
