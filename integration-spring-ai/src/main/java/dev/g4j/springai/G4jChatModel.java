package dev.g4j.springai;

import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.registry.ProviderRegistry;
import dev.g4j.springai.internal.AnswerState;
import dev.g4j.springai.internal.PromptMapper;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * g4j's providers as a Spring AI {@link ChatModel} and {@link StreamingChatModel}, for {@code ChatClient}, advisors,
 * memory and RAG. With Spring Boot, {@link G4jAutoConfiguration} makes one from the {@code g4j.*} properties.
 *
 * <pre>{@code
 * try (G4jChatModel model = G4jChatModel.builder().model("qwen-2.5").build()) {
 *     String answer = ChatClient.create(model).prompt("Hello").call().content();
 * }
 * }</pre>
 *
 * <p>System, user and assistant text messages are sent; the prompt's {@link ChatOptions} model, temperature, top-p,
 * max tokens and stop sequences override the model's {@link ProviderOptions}. Media, tools, top-k and penalties are
 * refused with an {@link IllegalArgumentException}. Responses carry the finish reason ({@code STOP},
 * {@code LENGTH}...), the usage when the provider reports it, as model the {@code Provider:model} that answered, the
 * provider under the metadata key {@code g4j.provider}, and the reasoning in the assistant message's
 * {@code reasoningContent} property.
 *
 * <p>{@link #stream(Prompt)} emits one response per text delta and a last one, with empty text, that carries the
 * finish reason, the usage and the exact answer under the metadata key {@code g4j.answer}: deltas only append, so
 * when the upstream rewrites text it already streamed, that key (or {@link #call(Prompt)}) has the right text.
 * Back-pressure reaches the g4j subscription, and disposing the subscription cancels it. Errors are the provider's
 * or registry's {@link dev.g4j.provider.api.ProviderException}s with g4j's message.
 */
public final class G4jChatModel implements ChatModel, StreamingChatModel, AutoCloseable {
    private final ProviderRegistry registry;
    private final boolean ownsRegistry;
    private final String model;
    private final ProviderOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();

    private G4jChatModel(Builder builder) {
        this.ownsRegistry = builder.registry == null;
        this.registry = builder.registry == null ? ProviderRegistry.load() : builder.registry;
        this.model = builder.model == null || builder.model.isBlank() ? null : builder.model.strip();
        this.options = builder.options == null ? ProviderOptions.defaults() : builder.options;
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
     * Sends the prompt and waits for the whole answer. Interrupting the waiting thread cancels the request.
     *
     * @param prompt the prompt
     * @return the answer, with its metadata
     * @throws IllegalArgumentException when the prompt holds what g4j cannot send
     * @throws dev.g4j.provider.api.ProviderException when no provider serves the model or the provider fails
     * @throws IllegalStateException when the model is closed
     */
    @Override
    public ChatResponse call(Prompt prompt) {
        AnswerState state = new AnswerState();
        JdkFlowAdapter.flowPublisherToFlux(start(prompt)).doOnNext(state::accept).then().block();
        return state.toResponse();
    }

    /**
     * Streams the answer: nothing is sent until the flux is subscribed to; each subscription sends the prompt again.
     *
     * @param prompt the prompt
     * @return one response per delta, then a last one with the metadata; errors as described above
     */
    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        Objects.requireNonNull(prompt, "prompt");
        return Flux.defer(() -> {
            AnswerState state = new AnswerState();
            return JdkFlowAdapter.flowPublisherToFlux(start(prompt)).<ChatResponse>handle((chunk, sink) -> {
                ChatResponse response = state.accept(chunk);
                if (response != null) {
                    sink.next(response);
                }
            });
        });
    }

    private AsyncResult start(Prompt prompt) {
        Objects.requireNonNull(prompt, "prompt");
        if (closed.get()) {
            throw new IllegalStateException("The g4j chat model is closed");
        }
        var messages = PromptMapper.messages(prompt);
        var requestOptions = PromptMapper.options(prompt.getOptions(), options);
        return registry.create(PromptMapper.model(prompt.getOptions(), model), messages, requestOptions);
    }

    /**
     * The options a prompt starts from: the configured model and generation parameters.
     *
     * @return the default options
     */
    @Override
    public ChatOptions getOptions() {
        ChatOptions.Builder<?> b = ChatOptions.builder().model(model);
        options.temperature().ifPresent(b::temperature);
        options.topP().ifPresent(b::topP);
        options.maxTokens().ifPresent(b::maxTokens);
        if (!options.stop().isEmpty()) {
            b.stopSequences(options.stop());
        }
        return b.build();
    }

    /**
     * The model the adapter asks for.
     *
     * @return an alias or {@code Provider:model}, or null for the registry's default chain
     */
    public String model() {
        return model;
    }

    /**
     * The options every request starts from.
     *
     * @return the configured options
     */
    public ProviderOptions options() {
        return options;
    }

    /** Closes the registry when the model loaded it; later calls fail. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsRegistry) {
            registry.close();
        }
    }

    @Override
    public String toString() {
        return "G4jChatModel[" + (model == null ? "default chain" : model) + "]";
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
         * prompt's own options override.
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
