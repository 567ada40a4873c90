package dev.g4j.gateway.internal;

import dev.g4j.provider.api.ResponseChunk;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.lang.System.Logger.Level;

/**
 * Streams one answer as OpenAI {@code chat.completion.chunk} events. The status line waits for the first chunk of
 * the answer (or the first keep-alive), so a failure before it is an ordinary HTTP error; a failure after it ends
 * the stream with one {@code data: {"error":...}} event, which the official SDKs raise. A client that goes away
 * cancels the upstream request at once.
 */
final class StreamingChat extends ContextSubscriber {
    private static final System.Logger LOG = System.getLogger(StreamingChat.class.getName());

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final HttpReplies replies;
    private final Wire wire;
    private final Wire.Head head;
    private final Answer answer;
    private final boolean includeUsage;
    private final Runnable onEnd;
    private final long keepAliveTimer;
    private boolean headersSent;
    private boolean roleSent;

    StreamingChat(Vertx vertx, Context context, HttpServerResponse response, HttpReplies replies, Wire.Head head,
                  String requestedModel, boolean includeUsage, long keepAliveMillis, Runnable onEnd) {
        super(context);
        this.vertx = vertx;
        this.response = response;
        this.replies = replies;
        this.wire = replies.wire();
        this.head = head;
        this.answer = new Answer(requestedModel);
        this.includeUsage = includeUsage;
        this.onEnd = onEnd;
        this.keepAliveTimer = vertx.setPeriodic(keepAliveMillis, id -> keepAlive());
        response.closeHandler(v -> clientGone());
        response.exceptionHandler(e -> clientGone());
    }

    @Override
    void handleChunk(ResponseChunk chunk) {
        String delta = answer.accept(chunk);
        if (delta != null) {
            write(wire.chunkEvent(head, answer.model(), false, delta, null, null));
        } else if (chunk instanceof ResponseChunk.Reasoning) {
            write(wire.chunkEvent(head, answer.model(), false, null, ((ResponseChunk.Reasoning) chunk).text(), null));
        } else if (chunk instanceof ResponseChunk.Finish) {
            end();
        } else {
            requestNext();
        }
    }

    @Override
    void handleError(Throwable error) {
        ApiError apiError = ErrorMapper.map(error);
        LOG.log(Level.DEBUG, () -> "Chat " + head.id() + " failed upstream: " + apiError.status() + " " + apiError.code());
        if (!headersSent) {
            replies.error(response, apiError);
        } else if (!response.closed()) {
            response.end(Buffer.buffer(wire.errorEvent(apiError)));
        }
        cleanup();
    }

    @Override
    void handleComplete() {
        if (!response.ended()) {
            // A publisher that completes without a Finish chunk still ends the answer naturally.
            end();
        }
    }

    private void end() {
        finish();
        startBody();
        Buffer tail = Buffer.buffer(wire.chunkEvent(head, answer.model(), false, null, null, answer.finishReason()));
        if (includeUsage && answer.usage() != null) {
            tail.appendBytes(wire.usageEvent(head, answer.model(), answer.usage()));
        }
        tail.appendBytes(Wire.DONE);
        if (!response.closed()) {
            response.end(tail);
        }
        cleanup();
    }

    private void write(byte[] event) {
        startBody();
        if (response.closed()) {
            return;
        }
        response.write(Buffer.buffer(event));
        if (response.writeQueueFull()) {
            response.drainHandler(v -> requestNext());
        } else {
            requestNext();
        }
    }

    /** The status line and headers, then the role chunk that opens every OpenAI stream. */
    private void startBody() {
        sendHeaders();
        if (!roleSent) {
            roleSent = true;
            response.write(Buffer.buffer(wire.chunkEvent(head, answer.model(), true, "", null, null)));
        }
    }

    private void sendHeaders() {
        if (headersSent || response.closed()) {
            return;
        }
        headersSent = true;
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
    }

    private void keepAlive() {
        if (finished() || response.closed()) {
            vertx.cancelTimer(keepAliveTimer);
            return;
        }
        sendHeaders();
        response.write(Buffer.buffer(Wire.KEEP_ALIVE));
    }

    private void clientGone() {
        if (!finished()) {
            finish();
            LOG.log(Level.DEBUG, () -> "Chat " + head.id() + ": the client went away; cancelling the upstream request");
            cancelUpstream();
            cleanup();
        }
    }

    private void cleanup() {
        vertx.cancelTimer(keepAliveTimer);
        onEnd.run();
    }
}
