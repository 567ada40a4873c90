package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.ResponseChunk;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/** An upstream the test drives by hand; it records demand and cancellation. */
final class ManualUpstream implements Flow.Publisher<ResponseChunk> {
    final AtomicLong requested = new AtomicLong();
    final CountDownLatch cancelled = new CountDownLatch(1);
    final CountDownLatch subscribed = new CountDownLatch(1);
    private volatile Flow.Subscriber<? super ResponseChunk> subscriber;

    AsyncResult result() {
        return AsyncResult.from(this);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ResponseChunk> s) {
        subscriber = s;
        s.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet(n);
            }

            @Override
            public void cancel() {
                cancelled.countDown();
            }
        });
        subscribed.countDown();
    }

    void push(ResponseChunk chunk) {
        subscriber.onNext(chunk);
    }

    void fail(Throwable t) {
        subscriber.onError(t);
    }

    void complete() {
        subscriber.onComplete();
    }

    boolean isCancelled() {
        return cancelled.getCount() == 0;
    }
}
