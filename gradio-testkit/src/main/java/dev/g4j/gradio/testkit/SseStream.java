package dev.g4j.gradio.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;

/**
 * One open {@code queue/data} response. It drains its session's buffer as {@code data: <json>} frames,
 * sends heartbeats, ends with {@code close_stream}, and carries out stream faults. Confined to the
 * simulator's event loop.
 */
final class SseStream {

    private final QueueEngine engine;
    private final Vertx vertx;
    private final HttpServerResponse response;
    final Session session;
    private final LineEnding lineEnding;
    private final boolean splitWrites;
    private Future<Void> lastWrite = Future.succeededFuture();
    private boolean ended;
    private boolean frozen;
    private boolean closedByServer;
    private boolean closed;
    private long heartbeatTimer = -1;
    private long floodTimer = -1;

    SseStream(QueueEngine engine, Vertx vertx, HttpServerResponse response, Session session) {
        this.engine = engine;
        this.vertx = vertx;
        this.response = response;
        this.session = session;
        this.lineEnding = session == null ? LineEnding.LF : session.lineEnding;
        this.splitWrites = session != null && session.splitWrites;
    }

    /** Sends the headers, then either drains the session or reports the session as unknown. */
    void open(long heartbeatMillis) {
        response.setChunked(true);
        response.putHeader("content-type", "text/event-stream; charset=utf-8");
        response.closeHandler(v -> onConnectionClosed());
        response.writeHead();
        if (session == null) {
            writeMessage(Json.write(engine.messages().unexpectedError(Messages.SESSION_NOT_FOUND)));
            abort();
            return;
        }
        heartbeatTimer = vertx.setPeriodic(heartbeatMillis, id -> heartbeat());
        flush();
    }

    /** Writes buffered items until the buffer is empty or the stream ends, stalls or drops. */
    void flush() {
        while (!ended && !frozen && !closed && session.stream == this) {
            Outgoing item = session.buffer.poll();
            if (item == null) {
                return;
            }
            if (item instanceof Outgoing.Message message) {
                writeMessage(message.json());
                if (message.completes()) {
                    session.pendingEventIds.remove(message.eventId());
                    if (session.pendingEventIds.isEmpty()) {
                        writeMessage(Json.write(engine.messages().closeStream()));
                        end();
                        return;
                    }
                }
            } else if (item instanceof Outgoing.RawLine raw) {
                writeMessage(raw.text());
            } else if (item instanceof Outgoing.Drop) {
                abort();
                return;
            } else if (item instanceof Outgoing.Stall) {
                freeze();
                return;
            } else if (item instanceof Outgoing.StopFlood) {
                freeze();
                String stopped = Json.write(engine.messages().unexpectedError(Messages.SERVER_STOPPED));
                writeMessage(stopped);
                floodTimer = vertx.setPeriodic(50, id -> writeMessage(stopped));
                return;
            }
        }
    }

    private void heartbeat() {
        if (!ended && !frozen && !closed && (session.stream != this || session.buffer.isEmpty())) {
            writeMessage(Json.write(engine.messages().heartbeat()));
        }
    }

    private void freeze() {
        frozen = true;
        cancelTimers();
    }

    private void writeMessage(String json) {
        if (closed || ended) {
            return;
        }
        String eol = lineEnding.text();
        byte[] bytes = ("data: " + json + eol + eol).getBytes(StandardCharsets.UTF_8);
        if (splitWrites) {
            for (byte b : bytes) {
                lastWrite = lastWrite.compose(v -> closed ? Future.succeededFuture()
                        : response.write(Buffer.buffer(new byte[] {b})));
            }
        } else {
            lastWrite = response.write(Buffer.buffer(bytes));
        }
    }

    private void end() {
        ended = true;
        cancelTimers();
        if (session.stream == this) {
            session.stream = null;
        }
        engine.streamFinished();
        lastWrite.onComplete(ar -> {
            if (!closed) {
                response.end();
            }
        });
    }

    /** Cuts the connection after the bytes written so far, leaving the chunked body unterminated. */
    void abort() {
        closedByServer = true;
        cancelTimers();
        lastWrite.onComplete(ar -> {
            if (!closed) {
                response.reset();
            }
        });
    }

    private void onConnectionClosed() {
        if (closed) {
            return;
        }
        closed = true;
        cancelTimers();
        if (ended) {
            return;
        }
        engine.streamFinished();
        if (session != null) {
            if (session.stream == this) {
                session.stream = null;
            }
            engine.streamLost(session, !closedByServer);
        }
    }

    private void cancelTimers() {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
        }
        if (floodTimer >= 0) {
            vertx.cancelTimer(floodTimer);
            floodTimer = -1;
        }
    }
}
