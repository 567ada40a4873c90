package dev.g4j.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free histogram of nanosecond delays with about 3 % resolution (32 sub-buckets per power of two), recorded
 * from any thread. Negative values count as zero.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private final AtomicLongArray counts = new AtomicLongArray((64 - SUB_BITS + 1) * SUB);
    private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts.incrementAndGet(index(v));
        max.accumulateAndGet(v, Math::max);
    }

    long count() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    long max() {
        return max.get();
    }

    /** The value at quantile {@code q} (0..1), as the midpoint of its bucket; 0 when empty. */
    long percentile(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= Math.max(1, rank)) {
                return mid(i);
            }
        }
        return max();
    }

    private static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) ((v >>> (exp - SUB_BITS)) & (SUB - 1));
        return (exp - SUB_BITS + 1) * SUB + sub;
    }

    private static long mid(int index) {
        if (index < SUB) {
            return index;
        }
        int exp = index / SUB + SUB_BITS - 1;
        long sub = index % SUB;
        long low = (1L << exp) + (sub << (exp - SUB_BITS));
        return low + (1L << (exp - SUB_BITS)) / 2;
    }
}
