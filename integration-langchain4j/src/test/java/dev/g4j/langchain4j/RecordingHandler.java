package dev.g4j.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** Records what a streaming model reports; {@link #done} completes with the response or the error. */
final class RecordingHandler implements StreamingChatResponseHandler {
    final List<String> partials = new CopyOnWriteArrayList<>();
    final List<String> thinking = new CopyOnWriteArrayList<>();
    final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    private final BiConsumer<String, PartialResponseContext> onPartial;

    RecordingHandler() {
        this((text, context) -> { });
    }

    RecordingHandler(BiConsumer<String, PartialResponseContext> onPartial) {
        this.onPartial = onPartial;
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        partials.add(partial.text());
        onPartial.accept(partial.text(), context);
    }

    @Override
    public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
        thinking.add(partial.text());
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }
}
