package dev.g4j.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared tally of one batch of streams: tokens received, their delays (receive time minus the server's stamp),
 * streams that got their first token, streams finished and failed. Thread-safe. Delays of tokens stamped inside a
 * {@linkplain #pauseRecording paused window} (a forced GC for a memory sample) are counted apart, not recorded.
 */
final class LoadRun {
    final LatencyHistogram delays = new LatencyHistogram();
    /** Delays of tokens stamped after {@link #steadyFrom}: every stream open, warm-up and memory sample over. */
    final LatencyHistogram steady = new LatencyHistogram();
    private volatile long steadyFrom = Long.MAX_VALUE;
    private final int streams;
    private final CountDownLatch done;
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong excluded = new AtomicLong();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicLong lastFinish = new AtomicLong();
    private volatile long pauseFrom = Long.MAX_VALUE;
    private volatile long pauseTo = Long.MIN_VALUE;

    LoadRun(int streams) {
        this.streams = streams;
        this.done = new CountDownLatch(streams);
    }

    int streams() {
        return streams;
    }

    /** A token stamped at {@code stamp} arrived now. */
    void token(long stamp) {
        long now = System.nanoTime();
        tokens.incrementAndGet();
        if (stamp >= pauseFrom && stamp <= pauseTo) {
            excluded.incrementAndGet();
        } else {
            delays.record(now - stamp);
            if (stamp >= steadyFrom) {
                steady.record(now - stamp);
            }
        }
    }

    /** A stream received its first token. */
    void started() {
        started.incrementAndGet();
    }

    /** A stream ended; {@code error} is null on success. */
    void finished(String error) {
        if (error != null) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, error);
        }
        finished.incrementAndGet();
        lastFinish.accumulateAndGet(System.nanoTime(), Math::max);
        done.countDown();
    }

    /** Tokens stamped from {@code from} until {@link #resumeRecording} (plus {@code graceNanos}) are not recorded. */
    void pauseRecording(long from) {
        pauseTo = Long.MAX_VALUE;
        pauseFrom = from;
    }

    void resumeRecording(long graceNanos) {
        pauseTo = System.nanoTime() + graceNanos;
    }

    /** From now on, delays also go to {@link #steady}. */
    void markSteady() {
        steadyFrom = System.nanoTime();
    }

    boolean await(long timeoutMillis) throws InterruptedException {
        return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    long tokens() {
        return tokens.get();
    }

    long excluded() {
        return excluded.get();
    }

    int startedStreams() {
        return started.get();
    }

    int finishedStreams() {
        return finished.get();
    }

    int failedStreams() {
        return failed.get();
    }

    String firstError() {
        return firstError.get();
    }

    long lastFinishNanos() {
        return lastFinish.get();
    }
}
