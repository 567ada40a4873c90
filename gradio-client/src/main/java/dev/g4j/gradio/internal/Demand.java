package dev.g4j.gradio.internal;

/**
 * Outstanding reactive-streams demand: {@code request(n)} adds, each delivery takes one, and {@link Long#MAX_VALUE}
 * means unbounded (rule 3.17: demand past it is treated as unbounded). Confined to one thread; not thread-safe.
 */
final class Demand {
    private long outstanding;

    /** Adds {@code n > 0}, saturating at {@link Long#MAX_VALUE}. */
    void add(long n) {
        long sum = outstanding + n;
        outstanding = sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** True when at least one more item may be delivered. */
    boolean available() {
        return outstanding > 0;
    }

    /** Records one delivery; unbounded demand stays unbounded. */
    void take() {
        if (outstanding != Long.MAX_VALUE) {
            outstanding--;
        }
    }
}
