package dev.g4j.gradio.testkit;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters of a {@link ReplayServer}, updated from its event loops and readable from any thread.
 */
public final class ReplayStats {
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong joins = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();
    private final AtomicInteger pacingTimers = new AtomicInteger();
    private final AtomicReference<Instant> firstRequest = new AtomicReference<>();
    private final AtomicReference<String> firstRequestLine = new AtomicReference<>();

    ReplayStats() {
    }

    void request(String method, String path) {
        if (firstRequest.get() == null && firstRequest.compareAndSet(null, Instant.now())) {
            firstRequestLine.set(method + " " + path);
        }
    }

    void joined() {
        joins.incrementAndGet();
    }

    void streamOpened() {
        opened.incrementAndGet();
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
    }

    void streamClosed(boolean byServer) {
        open.decrementAndGet();
        (byServer ? completed : abandoned).incrementAndGet();
    }

    void tokens(int n) {
        tokens.addAndGet(n);
    }

    void bytes(long n) {
        bytes.addAndGet(n);
    }

    void stalled() {
        stalls.incrementAndGet();
    }

    void pacingTimerStarted() {
        pacingTimers.incrementAndGet();
    }

    /** The wall-clock arrival time of the first request of any kind, or null before it. */
    public Instant firstRequestAt() {
        return firstRequest.get();
    }

    /** The method and path of the first request, or null before it. */
    public String firstRequestLine() {
        return firstRequestLine.get();
    }

    /** Streams open right now. */
    public int openStreams() {
        return open.get();
    }

    /** The most streams ever open at once. */
    public int maxOpenStreams() {
        return maxOpen.get();
    }

    /** Streams opened so far. */
    public long streamsOpened() {
        return opened.get();
    }

    /** Streams written to their end. */
    public long streamsCompleted() {
        return completed.get();
    }

    /** Streams the client closed before their end. */
    public long streamsAbandoned() {
        return abandoned.get();
    }

    /** Queue joins answered. */
    public long joins() {
        return joins.get();
    }

    /** Tokens handed to Vert.x. */
    public long tokens() {
        return tokens.get();
    }

    /** Body bytes handed to Vert.x. */
    public long bytes() {
        return bytes.get();
    }

    /** Paced ticks skipped because the socket was still full. */
    public long stalls() {
        return stalls.get();
    }

    /** Periodic timers pacing the streams: at most one per event loop, however many streams were paced. */
    public int pacingTimers() {
        return pacingTimers.get();
    }

    @Override
    public String toString() {
        return "opened=" + opened + " completed=" + completed + " abandoned=" + abandoned + " maxOpen=" + maxOpen
                + " joins=" + joins + " tokens=" + tokens + " bytes=" + bytes + " stalls=" + stalls
                + " pacingTimers=" + pacingTimers;
    }
}
