package dev.g4j.gradio;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A test subscriber that records events (copying output state) and the single terminal signal. */
final class Collector implements Flow.Subscriber<GradioEvent> {
    final List<GradioEvent> events = new CopyOnWriteArrayList<>();
    final List<List<com.fasterxml.jackson.databind.JsonNode>> snapshots = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final AtomicInteger terminals = new AtomicInteger();
    final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    volatile CompletableFuture<GradioEvent> nextEvent = new CompletableFuture<>();
    volatile boolean daemonThread = true;
    private final long initial;

    Collector() {
        this(Long.MAX_VALUE);
    }

    Collector(long initialDemand) {
        this.initial = initialDemand;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.complete(s);
        if (initial > 0) {
            s.request(initial);
        }
    }

    @Override
    public void onNext(GradioEvent item) {
        daemonThread &= Thread.currentThread().isDaemon();
        events.add(item);
        if (item instanceof GradioEvent.Generating g) {
            snapshots.add(g.outputs().copy());
        } else if (item instanceof GradioEvent.Completed c) {
            snapshots.add(c.outputs().copy());
        }
        CompletableFuture<GradioEvent> f = nextEvent;
        nextEvent = new CompletableFuture<>();
        f.complete(item);
    }

    @Override
    public void onError(Throwable t) {
        terminals.incrementAndGet();
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        terminals.incrementAndGet();
        done.complete(null);
    }

    /** Waits for the terminal signal and returns the error, or null on completion. */
    Throwable await() throws Exception {
        try {
            done.get(10, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    Flow.Subscription sub() throws Exception {
        return subscription.get(5, TimeUnit.SECONDS);
    }
}
