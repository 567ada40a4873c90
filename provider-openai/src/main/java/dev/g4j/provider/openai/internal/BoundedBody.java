package dev.g4j.provider.openai.internal;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/** Collects a response body up to a limit; what lies beyond is dropped. */
final class BoundedBody {
    private final int limit;
    private final Buffer buffer = Buffer.buffer();
    private boolean truncated;

    BoundedBody(int limit) {
        this.limit = limit;
    }

    /** Appends; returns false once the limit is reached (the rest is dropped). */
    boolean append(Buffer chunk) {
        int room = limit - buffer.length();
        if (chunk.length() <= room) {
            buffer.appendBuffer(chunk);
            return true;
        }
        if (room > 0) {
            buffer.appendBuffer(chunk, 0, room);
        }
        truncated = true;
        return false;
    }

    boolean truncated() {
        return truncated;
    }

    String text() {
        return new String(buffer.getBytes(), StandardCharsets.UTF_8);
    }
}
