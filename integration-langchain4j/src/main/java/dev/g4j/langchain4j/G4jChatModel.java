package dev.g4j.langchain4j;

import dev.g4j.langchain4j.internal.AnswerSubscriber;
import dev.g4j.langchain4j.internal.G4jBackend;
import dev.g4j.provider.api.ProviderException;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.registry.ProviderRegistry;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * g4j's providers as a LangChain4j {@link ChatModel}, for {@code AiServices}, memory and RAG.
 *
 * <pre>{@code
 * try (G4jChatModel model = G4jChatModel.builder().model("qwen-2.5").build()) {
 *     String answer = model.chat("Hello");
 * }
 * }</pre>
 *
 * <p>System, user and AI text messages are sent; temperature, top-p, max output tokens and stop sequences become
 * {@link ProviderOptions} parameters, and a model name in the request replaces the model's own. Images, audio,
 * tools, JSON response formats, top-k and penalties are refused with an {@link IllegalArgumentException}. The
 * response carries the exact answer, the reasoning as {@code thinking}, the finish reason, the token usage when the
 * provider reports it, and as model name the {@code Provider:model} that answered. Failures are thrown as the
 * provider or registry raised them ({@link ProviderException} subclasses with g4j's message).
 */
public final class G4jChatModel implements ChatModel, AutoCloseable {
    private final G4jBackend backend;

    private G4jChatModel(Builder builder) {
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
     * Sends the request and waits for the whole answer. Interrupting the waiting thread cancels the request.
     *
     * @param request the LangChain4j request
     * @return the answer
     * @throws IllegalArgumentException when the request holds what g4j cannot send
     * @throws ProviderException when no provider serves the model or the provider fails
     */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        AnswerSubscriber subscriber = backend.subscriber(new AnswerSubscriber.Listener() {
            @Override
            public void onText(String text) {
            }

            @Override
            public void onThinking(String text) {
            }

            @Override
            public void onComplete(ChatResponse response) {
                result.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }
        });
        backend.start(request, subscriber);
        try {
            return result.get();
        } catch (InterruptedException e) {
            subscriber.cancel();
            Thread.currentThread().interrupt();
            throw new ProviderException("Interrupted while waiting for the answer; the request was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ProviderException(String.valueOf(cause.getMessage()), cause);
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

    /** Cancels the requests in flight and closes the registry when the model loaded it. Idempotent. */
    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "G4jChatModel[" + (backend.model() == null ? "default chain" : backend.model()) + "]";
    }

    /** Builds a {@link G4jChatModel}. */
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
        public G4jChatModel build() {
            return new G4jChatModel(this);
        }
    }
}
