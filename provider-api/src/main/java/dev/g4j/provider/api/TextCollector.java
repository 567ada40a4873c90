package dev.g4j.provider.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** Subscribes with unbounded demand and folds the chunks into the final answer; see {@link AsyncResult#text()}. */
final class TextCollector implements Flow.Subscriber<ResponseChunk> {
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private volatile Flow.Subscription subscription;

    CompletableFuture<String> result() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        result.whenComplete((v, e) -> {
            if (result.isCancelled()) {
                s.cancel();
            }
        });
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ResponseChunk chunk) {
        if (chunk instanceof ResponseChunk.Text) {
            text.append(((ResponseChunk.Text) chunk).text());
        } else if (chunk instanceof ResponseChunk.TextReplaced) {
            text.setLength(0);
            text.append(((ResponseChunk.TextReplaced) chunk).text());
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(text.toString());
    }
}
