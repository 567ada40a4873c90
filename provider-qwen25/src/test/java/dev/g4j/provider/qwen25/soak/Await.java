package dev.g4j.provider.qwen25.soak;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded condition polling, for the few states no event signals (a thread that has died, an open-stream counter,
 * memory after a collection). Parks between checks; never waits longer than the deadline.
 */
final class Await {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails with {@code what} and the last {@code detail} at the deadline. */
    static void awaitCondition(BooleanSupplier condition, Duration limit, String what, Supplier<String> detail) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Timed out after " + limit.toMillis() + " ms waiting until " + what + ": " + detail.get());
            }
            LockSupport.parkNanos(PAUSE_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting until " + what);
            }
        }
    }

    /** As {@link #awaitCondition(BooleanSupplier, Duration, String, Supplier)} without a detail. */
    static void awaitCondition(BooleanSupplier condition, Duration limit, String what) {
        awaitCondition(condition, limit, what, () -> "condition still false");
    }

    /** Polls like {@link #awaitCondition}, but returns whether the condition held instead of failing. */
    static boolean eventually(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        return true;
    }
}
