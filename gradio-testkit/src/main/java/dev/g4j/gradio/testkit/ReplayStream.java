package dev.g4j.gradio.testkit;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes one {@link ReplayScript} to one {@code queue/data} response, stamping each token with the time it is handed
 * to Vert.x. Unpaced, it writes batches of messages for as long as the response's write queue takes them and resumes
 * from the drain handler; paced, it writes one token each time {@link #tick} finds it due. Confined to the event loop
 * of its connection.
 */
final class ReplayStream {
    /** Messages are grouped into writes of about this many bytes when unpaced. */
    static final int BATCH_BYTES = 16 * 1024;

    private final ReplayScript script;
    private final HttpServerResponse response;
    private final long intervalNanos;
    private final ReplayStats stats;
    private final long[] stamps;
    private int next = -1;
    private long due;
    private boolean finished;

    ReplayStream(ReplayScript script, HttpServerResponse response, long intervalNanos, ReplayStats stats) {
        this.script = script;
        this.response = response;
        this.intervalNanos = intervalNanos;
        this.stats = stats;
        this.stamps = new long[script.tokens()];
    }

    /** Sends the headers and, unpaced, starts writing. */
    void open() {
        response.setChunked(true);
        response.putHeader("content-type", "text/event-stream; charset=utf-8");
        response.closeHandler(v -> {
            if (!finished) {
                finished = true;
                stats.streamClosed(false);
            }
        });
        stats.streamOpened();
        response.writeHead();
        if (intervalNanos == 0) {
            response.drainHandler(v -> pump());
            pump();
        } else {
            due = System.nanoTime();
        }
    }

    /** True once the body ended or the client went away. */
    boolean finished() {
        return finished;
    }

    /** Paced: writes the next token (and the header, or the trailer) when it is due and the socket takes it. */
    void tick(long now) {
        if (finished || now < due) {
            return;
        }
        if (response.writeQueueFull()) {
            stats.stalled();
            return;
        }
        due = now + intervalNanos;
        Buffer out = Buffer.buffer(512);
        if (next < 0) {
            out.appendBytes(script.bytes(), 0, script.tokenStart(0));
            next = 0;
        }
        // stamped now, not at the tick's start: one tick writes every stream that is due, one after the other
        appendToken(out, System.nanoTime());
        if (next == script.tokens()) {
            appendTrailer(out);
        }
        write(out);
    }

    private void pump() {
        while (!finished && !response.writeQueueFull()) {
            Buffer out = Buffer.buffer(BATCH_BYTES + 1024);
            long now = System.nanoTime();
            if (next < 0) {
                out.appendBytes(script.bytes(), 0, script.tokenStart(0));
                next = 0;
            }
            while (next < script.tokens() && out.length() < BATCH_BYTES) {
                appendToken(out, now);
            }
            if (next == script.tokens()) {
                appendTrailer(out);
            }
            write(out);
        }
    }

    private void appendToken(Buffer out, long now) {
        int from = script.tokenStart(next);
        int to = script.tokenStart(next + 1);
        int base = out.length();
        out.appendBytes(script.bytes(), from, to - from);
        if (script.stamped()) {
            stamps[next] = now;
            patch(out, base + script.tokenSlot(next) - from, now);
        }
        next++;
        stats.tokens(1);
    }

    private void appendTrailer(Buffer out) {
        int from = script.tokenStart(script.tokens());
        int base = out.length();
        out.appendBytes(script.bytes(), from, script.bytes().length - from);
        if (script.stamped()) {
            for (int i = 0; i < stamps.length; i++) {
                patch(out, base + script.trailerSlot(i) - from, stamps[i]);
            }
        }
        finished = true;
    }

    private void write(Buffer out) {
        stats.bytes(out.length());
        if (finished) {
            response.end(out);
            stats.streamClosed(true);
        } else {
            response.write(out);
        }
    }

    private static void patch(Buffer out, int at, long nanos) {
        byte[] hex = new byte[ReplayScript.STAMP_WIDTH];
        ReplayScript.stamp(hex, 0, nanos);
        out.setBytes(at, hex);
    }
}
