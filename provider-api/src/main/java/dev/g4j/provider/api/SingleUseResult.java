package dev.g4j.provider.api;

import java.util.concurrent.Flow;

/** The {@link AsyncResult} made by {@link AsyncResult#from(Flow.Publisher)}. */
final class SingleUseResult implements AsyncResult {
    private final Flow.Publisher<ResponseChunk> delegate;

    SingleUseResult(Flow.Publisher<ResponseChunk> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ResponseChunk> subscriber) {
        delegate.subscribe(subscriber);
    }
}
