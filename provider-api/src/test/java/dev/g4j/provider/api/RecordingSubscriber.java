package dev.g4j.provider.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every signal; waits on latches, never sleeps. */
public class RecordingSubscriber<T> implements Flow.Subscriber<T> {
    public final List<T> items = new ArrayList<>();
    public final CountDownLatch terminated = new CountDownLatch(1);
    public final AtomicInteger terminalSignals = new AtomicInteger();
    public volatile Flow.Subscription subscription;
    public volatile Throwable error;
    public volatile boolean completed;
    private final long initialRequest;

    public RecordingSubscriber(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (initialRequest > 0) {
            s.request(initialRequest);
        }
    }

    @Override
    public synchronized void onNext(T item) {
        items.add(item);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        terminalSignals.incrementAndGet();
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        completed = true;
        terminalSignals.incrementAndGet();
        terminated.countDown();
    }

    public synchronized List<T> snapshot() {
        return new ArrayList<>(items);
    }

    public void await() throws InterruptedException {
        if (!terminated.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no terminal signal within 10 s; got " + snapshot());
        }
    }
}
