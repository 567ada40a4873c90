package dev.g4j.provider.api.flow;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscription side of a push producer: it buffers what the producer emits, hands items to the subscriber
 * only as far as {@link Flow.Subscription#request(long)} allows, delivers exactly one terminal signal, and tells
 * the producer when to produce more and when the subscriber cancelled.
 *
 * <p>Every method is thread-safe; signals to the subscriber are serialised and never re-entrant. A producer
 * that bridges an upstream publisher requests one upstream item in {@link Listener#onReady()} and calls
 * {@link #drain()} after handling it, so buffering stays bounded by what one upstream item expands to.
 *
 * @param <T> the item type
 */
public final class ChunkEmitter<T> implements Flow.Subscription {

    /** Callbacks from the emitter to the producer. Both may run on any thread, never concurrently with each other. */
    public interface Listener {
        /**
         * The subscriber wants more and the buffer is empty: produce (or request upstream) at least one item.
         * Not called again until the producer emits or calls {@link ChunkEmitter#drain()}.
         */
        void onReady();

        /** The subscriber cancelled, or the stream ended: stop producing and release resources. Called once. */
        void onStop();
    }

    private final Flow.Subscriber<? super T> downstream;
    private final Listener listener;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile boolean done;
    private volatile Throwable error;
    /** Set by every event that may call for another {@link Listener#onReady()}; cleared when it is signalled. */
    private final AtomicBoolean armed = new AtomicBoolean();
    /** True from an {@link Listener#onReady()} until the producer emits or calls {@link #drain()}. */
    private volatile boolean owed;
    private boolean terminated;

    public ChunkEmitter(Flow.Subscriber<? super T> downstream, Listener listener) {
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Hands this subscription to the subscriber. Call once, before anything else. */
    public void start() {
        downstream.onSubscribe(this);
    }

    /**
     * Buffers an item for the subscriber.
     *
     * @return false when the stream is cancelled or already terminated, so the item was dropped
     */
    public boolean emit(T item) {
        Objects.requireNonNull(item, "item");
        if (cancelled || done) {
            return false;
        }
        if (wip.get() == 0 && wip.compareAndSet(0, 1)) {
            emitOwningTheLoop(item);
            runLoop();
            return true;
        }
        queue.offer(item);
        owed = false;
        armed.set(true);
        drainLoop();
        return true;
    }

    /**
     * Emits while this thread owns the delivery loop. When nothing waits and the subscriber wants more, the item
     * goes straight to it, without a queue node. When, besides, the producer is emitting what the last
     * {@link Listener#onReady()} asked for and nothing re-armed since, this does at once what the loop would do
     * next (ask again while demand remains) without toggling {@code owed} and {@code armed} in between.
     */
    private void emitOwningTheLoop(T item) {
        long r = requested.get();
        if (r == 0 || terminated || cancelled || !queue.isEmpty()) {
            queue.offer(item);
            owed = false;
            armed.set(true);
            return;
        }
        boolean asked = owed && !armed.get();
        if (!asked) {
            owed = false;
            armed.set(true);
        }
        if (r != Long.MAX_VALUE) {
            requested.decrementAndGet();
        }
        downstream.onNext(item);
        if (asked) {
            if (!armed.get() && !cancelled && !done && queue.isEmpty() && requested.get() > 0) {
                listener.onReady(); // owed stays true: the producer is asked again
            } else { // also when a drain() re-armed meanwhile: the loop then asks once
                owed = false;
                armed.set(true);
            }
        }
    }

    /** Ends the stream normally once the buffered items are delivered. Later calls are ignored. */
    public void complete() {
        if (!done) {
            done = true;
            drainLoop();
        }
    }

    /** Ends the stream with an error once the buffered items are delivered. Later calls are ignored. */
    public void fail(Throwable t) {
        Objects.requireNonNull(t, "error");
        if (!done) {
            error = t;
            done = true;
            drainLoop();
        }
    }

    /**
     * Ends the stream with an error at once, discarding what is buffered. Unlike {@link #fail(Throwable)} it also
     * overrides a completion that is still waiting for demand to deliver its buffered items, so a protocol
     * violation (such as {@code request(0)}) is always reported.
     */
    public void failNow(Throwable t) {
        Objects.requireNonNull(t, "error");
        queue.clear();
        error = t;
        done = true;
        drainLoop();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** True once the stream ended in any way: completed, failed or cancelled. */
    public boolean isDone() {
        return done || cancelled;
    }

    /** Items emitted but not yet delivered. */
    public int buffered() {
        return queue.size();
    }

    /** How many more items the subscriber has asked for and not yet received. */
    public long demand() {
        return requested.get();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            failNow(new IllegalArgumentException("request(" + n + "): the count must be positive (Reactive Streams rule 3.9)"));
            return;
        }
        requested.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n);
        if (!owed) {
            armed.set(true);
        }
        drainLoop();
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            drainLoop();
        }
    }

    /**
     * Delivers what the demand allows, and asks the producer for more when the buffer runs dry while demand
     * remains. Producers call it after handling an upstream item that emitted nothing.
     */
    public void drain() {
        owed = false;
        armed.set(true);
        drainLoop();
    }

    /**
     * Runs the delivery loop, or makes the thread running it go round once more. After a
     * {@link Listener#onReady()} the producer is not asked again until it emits or calls {@link #drain()}, so a
     * producer that starts asynchronous work in {@code onReady} is never asked twice for the same item.
     */
    private void drainLoop() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        runLoop();
    }

    /** Runs the loop until no other thread asked for another round; the caller has taken {@code wip}. */
    private void runLoop() {
        int missed = 1;
        do {
            loop();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void loop() {
        while (!terminated) {
            if (cancelled) {
                queue.clear();
                terminated = true;
                stop();
                return;
            }
            long r = requested.get();
            long emitted = 0;
            while (emitted != r && !cancelled) {
                T item = queue.poll();
                if (item == null) {
                    break;
                }
                downstream.onNext(item);
                emitted++;
            }
            if (emitted > 0 && r != Long.MAX_VALUE) {
                requested.addAndGet(-emitted);
            }
            if (cancelled) {
                continue;
            }
            if (done && queue.isEmpty()) {
                terminated = true;
                Throwable e = error;
                stop();
                if (e == null) {
                    downstream.onComplete();
                } else {
                    downstream.onError(e);
                }
                return;
            }
            if (emitted == 0) {
                if (!done && queue.isEmpty() && requested.get() > 0 && armed.get() && armed.getAndSet(false)) {
                    owed = true;
                    listener.onReady();
                    continue;
                }
                return;
            }
        }
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            listener.onStop();
        }
    }
}
