package dev.g4j.gateway.internal;

import dev.g4j.provider.api.ResponseChunk;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/** Collects one answer and sends it as a single {@code chat.completion}; a client that goes away cancels it. */
final class CollectingChat extends ContextSubscriber {
    private final HttpServerResponse response;
    private final HttpReplies replies;
    private final Wire.Head head;
    private final Answer answer;
    private final Runnable onEnd;

    CollectingChat(Context context, HttpServerResponse response, HttpReplies replies, Wire.Head head,
                   String requestedModel, Runnable onEnd) {
        super(context);
        this.response = response;
        this.replies = replies;
        this.head = head;
        this.answer = new Answer(requestedModel);
        this.onEnd = onEnd;
        response.closeHandler(v -> clientGone());
    }

    @Override
    void handleChunk(ResponseChunk chunk) {
        answer.accept(chunk);
        if (chunk instanceof ResponseChunk.Finish) {
            finish();
            reply();
        } else {
            requestNext();
        }
    }

    @Override
    void handleError(Throwable error) {
        replies.error(response, ErrorMapper.map(error));
        onEnd.run();
    }

    @Override
    void handleComplete() {
        reply();
    }

    private void reply() {
        replies.json(response, 200, replies.wire().completion(head, answer.model(), answer.text(), answer.reasoning(),
                answer.finishReason(), answer.usage()));
        onEnd.run();
    }

    private void clientGone() {
        if (!finished()) {
            finish();
            cancelUpstream();
            onEnd.run();
        }
    }
}
