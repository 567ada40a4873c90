package dev.g4j.gateway.internal;

import dev.g4j.provider.api.ResponseChunk;
import io.vertx.core.Context;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Receives an answer's chunks from any thread and handles them one at a time, in order, on the Vert.x context of
 * the HTTP exchange, which owns the response. It asks for one chunk at a time: a subclass calls
 * {@link #requestNext()} when it is ready for the next, so a slow client slows the upstream down.
 */
abstract class ContextSubscriber implements Flow.Subscriber<ResponseChunk> {
    private final Context context;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Flow.Subscription subscription;
    /** Confined to the context: true once the exchange ended, for whatever reason. */
    private boolean finished;

    ContextSubscriber(Context context) {
        this.context = context;
    }

    @Override
    public final void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled.get()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public final void onNext(ResponseChunk chunk) {
        context.runOnContext(v -> {
            if (!finished) {
                handleChunk(chunk);
            }
        });
    }

    @Override
    public final void onError(Throwable error) {
        context.runOnContext(v -> {
            if (!finished) {
                finished = true;
                handleError(error);
            }
        });
    }

    @Override
    public final void onComplete() {
        context.runOnContext(v -> {
            if (!finished) {
                finished = true;
                handleComplete();
            }
        });
    }

    /** Asks the upstream for one more chunk. */
    final void requestNext() {
        Flow.Subscription s = subscription;
        if (s != null && !cancelled.get()) {
            s.request(1);
        }
    }

    /** Stops the upstream request; idempotent, any thread. */
    final void cancelUpstream() {
        if (cancelled.compareAndSet(false, true)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    /** Ends the exchange early (on the context): later chunks and signals are ignored. */
    final void finish() {
        finished = true;
    }

    /** Whether the exchange has ended (on the context). */
    final boolean finished() {
        return finished;
    }

    /** One chunk, on the context; call {@link #requestNext()} once ready for the next. */
    abstract void handleChunk(ResponseChunk chunk);

    /** The upstream failed, on the context. */
    abstract void handleError(Throwable error);

    /** The upstream ended, on the context. */
    abstract void handleComplete();
}
