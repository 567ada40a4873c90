package dev.g4j.provider.api;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A blocking view of an {@link AsyncResult}: {@link #hasNext()} waits for the next chunk. It requests a few
 * chunks ahead and no more, so a slow reader holds back the upstream. {@link #close()} cancels the request;
 * use it in try-with-resources. A failed stream throws its {@link ProviderException} (other errors wrapped in
 * one) from {@code hasNext()}.
 */
public final class ChunkIterator implements Iterator<ResponseChunk>, AutoCloseable {
    private static final int PREFETCH = 16;
    private static final Object COMPLETE = new Object();

    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private Object next;
    private int consumed;
    private boolean finished;

    ChunkIterator(Flow.Publisher<ResponseChunk> source) {
        source.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (closed) {
                    s.cancel();
                } else {
                    s.request(PREFETCH);
                }
            }

            @Override
            public void onNext(ResponseChunk item) {
                signals.add(item);
            }

            @Override
            public void onError(Throwable t) {
                signals.add(new Failure(t));
            }

            @Override
            public void onComplete() {
                signals.add(COMPLETE);
            }
        });
    }

    private record Failure(Throwable error) {
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        if (closed) {
            throw new IllegalStateException("The iterator is closed");
        }
        Object signal;
        try {
            signal = signals.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new CancellationException("Interrupted while waiting for the next chunk; the request was cancelled");
        }
        if (signal == COMPLETE) {
            finished = true;
            return false;
        }
        if (signal instanceof Failure) {
            finished = true;
            Throwable t = ((Failure) signal).error();
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            throw new ProviderException("The stream failed: " + t, t);
        }
        next = signal;
        return true;
    }

    @Override
    public ResponseChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The stream has ended");
        }
        ResponseChunk chunk = (ResponseChunk) next;
        next = null;
        if (++consumed == PREFETCH / 2) {
            consumed = 0;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(PREFETCH / 2);
            }
        }
        return chunk;
    }

    /** Cancels the request, if it is still running. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
