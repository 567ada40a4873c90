package dev.g4j.provider.gradiochat;

import dev.g4j.provider.api.ResponseChunk;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A test subscriber that records chunks and the end of the stream, with an initial demand and an optional hook. */
final class ChunkRecorder implements Flow.Subscriber<ResponseChunk> {
    final List<ResponseChunk> chunks = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<ResponseChunk> arrivals = new LinkedBlockingQueue<>();
    /** Completes with null on onComplete, exceptionally with the stream's error. */
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final long initialDemand;
    private final Consumer<ResponseChunk> onEach;
    volatile Flow.Subscription subscription;
    private volatile boolean cancelOnFirstText;

    /** Makes the recorder cancel its subscription as soon as the first Text chunk arrives. */
    ChunkRecorder cancellingOnFirstText() {
        cancelOnFirstText = true;
        return this;
    }

    ChunkRecorder(long initialDemand) {
        this(initialDemand, c -> { });
    }

    ChunkRecorder(long initialDemand, Consumer<ResponseChunk> onEach) {
        this.initialDemand = initialDemand;
        this.onEach = onEach;
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

    /** Waits for the end; returns the error, or null after a normal completion. */
    Throwable awaitEnd(long seconds) throws Exception {
        try {
            done.get(seconds, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    /** The Text deltas, in order. */
    List<String> texts() {
        return chunks.stream().filter(ResponseChunk.Text.class::isInstance).map(c -> ((ResponseChunk.Text) c).text()).toList();
    }

    /** The answer, applying TextReplaced like AsyncResult.text(). */
    String folded() {
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
