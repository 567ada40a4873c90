package dev.g4j.bench;

import dev.g4j.gradio.testkit.ReplayScript;
import io.vertx.core.buffer.Buffer;

/**
 * Finds the token stamps in raw stream bytes, across buffer boundaries, for the raw-drain baseline: one byte
 * comparison per byte, plus 16 hex digits per stamp. Stops after the expected number of tokens, so the stamps
 * repeated in {@code process_completed} are not counted twice. Not thread-safe.
 */
final class StampScanner {
    /** Receives each stamp as it is found. */
    interface Sink {
        void stamp(long nanos);
    }

    private final int expected;
    private final Sink sink;
    private int found;
    private int digits = -1;
    private long value;

    StampScanner(int expected, Sink sink) {
        this.expected = expected;
        this.sink = sink;
    }

    void scan(Buffer buf) {
        int len = buf.length();
        for (int i = 0; i < len && found < expected; i++) {
            byte b = buf.getByte(i);
            if (digits >= 0) {
                value = (value << 4) | Character.digit(b, 16);
                if (++digits == ReplayScript.STAMP_WIDTH) {
                    digits = -1;
                    found++;
                    sink.stamp(value);
                }
            } else if (b == ReplayScript.STAMP_MARK) {
                digits = 0;
                value = 0;
            }
        }
    }

    int found() {
        return found;
    }
}
