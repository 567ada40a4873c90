package dev.g4j.langchain4j;

import dev.g4j.langchain4j.internal.AnswerSubscriber;
import dev.g4j.langchain4j.internal.G4jBackend;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.registry.ProviderRegistry;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;

/**
 * g4j's providers as a LangChain4j {@link StreamingChatModel}: the answer streams to
 * {@link StreamingChatResponseHandler#onPartialResponse}, the reasoning to
 * {@link StreamingChatResponseHandler#onPartialThinking}, and {@code onCompleteResponse} gets the whole answer.
 *
 * <pre>{@code
 * try (G4jStreamingChatModel model = G4jStreamingChatModel.builder().model("qwen-2.5").build()) {
 *     model.chat("Hello", handler);
 * }
 * }</pre>
 *
 * <p>The request is mapped as by {@link G4jChatModel}. Partial responses only append: when the upstream rewrites
 * text it already streamed (a {@code TextReplaced} chunk that is not a mere extension), the partial responses
 * cannot take it back, so the exact answer is the {@code aiMessage().text()} of the final response. Errors reach
 * {@code onError} as the provider or registry raised them; a request that cannot be sent fails there too.
 *
 * <p><b>Cancellation.</b> {@code context.streamingHandle().cancel()} in a partial callback (or
 * {@code TokenStream}'s equivalent) cancels the g4j subscription, which stops the upstream work; the handler then
 * hears nothing more. {@link #close()} cancels every stream in flight the same way.
 */
public final class G4jStreamingChatModel implements StreamingChatModel, AutoCloseable {
    private final G4jBackend backend;

    private G4jStreamingChatModel(Builder builder) {
        this.backend = new G4jBackend(builder.registry, builder.model, builder.options);
    }

    /**
     * A builder with the defaults: a registry loaded with {@link ProviderRegistry#load()} and owned by the model,
     * the default chain, {@link ProviderOptions#defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends the request and streams the answer to {@code handler}; returns at once. The handler is called on the
     * provider's thread.
     *
     * @param request the LangChain4j request
     * @param handler hears the answer
     */
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        Handle handle = new Handle();
        handle.subscriber = backend.subscriber(new Listener(handler, handle));
        try {
            backend.start(request, handle.subscriber);
        } catch (RuntimeException e) {
            handle.subscriber.cancel();
            handler.onError(e);
        }
    }

    /** Forwards one answer to a LangChain4j handler. */
    private static final class Listener implements AnswerSubscriber.Listener {
        private final StreamingChatResponseHandler handler;
        private final Handle handle;

        Listener(StreamingChatResponseHandler handler, Handle handle) {
            this.handler = handler;
            this.handle = handle;
        }

        @Override
        public void onText(String text) {
            handler.onPartialResponse(new PartialResponse(text), new PartialResponseContext(handle));
        }

        @Override
        public void onThinking(String text) {
            handler.onPartialThinking(new PartialThinking(text), new PartialThinkingContext(handle));
        }

        @Override
        public void onComplete(ChatResponse response) {
            handler.onCompleteResponse(response);
        }

        @Override
        public void onError(Throwable error) {
            handler.onError(error);
        }
    }

    /**
     * Says that the model is none of LangChain4j's named providers.
     *
     * @return {@link ModelProvider#OTHER}
     */
    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    /** Cancels the streams in flight and closes the registry when the model loaded it. Idempotent. */
    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "G4jStreamingChatModel[" + (backend.model() == null ? "default chain" : backend.model()) + "]";
    }

    /** Cancels the g4j subscription behind one stream. */
    private static final class Handle implements StreamingHandle {
        private volatile AnswerSubscriber subscriber;
        private volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
            subscriber.cancel();
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    /** Builds a {@link G4jStreamingChatModel}. */
    public static final class Builder {
        private ProviderRegistry registry;
        private String model;
        private ProviderOptions options;

        private Builder() {
        }

        /**
         * Uses the host's registry, which the model will not close.
         *
         * @param registry the registry, or null to load one owned by the model
         * @return this builder
         */
        public Builder registry(ProviderRegistry registry) {
            this.registry = registry;
            return this;
        }

        /**
         * Sets the model: an alias such as {@code qwen-2.5}, or {@code Provider:model} to pin one provider.
         *
         * @param model the model, or null/blank for the registry's default chain
         * @return this builder
         */
        public Builder model(String model) {
            this.model = model;
            return this;
        }

        /**
         * Sets the options of every request: endpoint, proxy, timeouts and default generation parameters, which a
         * request's own parameters override.
         *
         * @param options the options, or null for {@link ProviderOptions#defaults()}
         * @return this builder
         */
        public Builder options(ProviderOptions options) {
            this.options = options;
            return this;
        }

        /**
         * Builds the model; loads the registry when none was given.
         *
         * @return the model
         */
        public G4jStreamingChatModel build() {
            return new G4jStreamingChatModel(this);
        }
    }
}
