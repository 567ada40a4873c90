package dev.g4j.provider.api;

import java.util.Set;

/**
 * A chat-completion provider: turns a conversation into a streamed answer.
 *
 * <p>Implementations are found by {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.g4j.provider.api.AsyncGeneratorProvider}), so they need a public no-argument
 * constructor that is cheap and does no I/O. Reading the descriptive methods ({@link #name()}, the flags, the
 * models of a {@link ProviderModelMixin}) never does I/O either; the network is touched only when a result is
 * subscribed to.
 *
 * <p>A provider may hold resources (an HTTP client, an event loop) created on first use; {@link #close()}
 * releases them.
 */
public interface AsyncGeneratorProvider extends AutoCloseable {

    /** Stable identifier, unique among providers, e.g. {@code Qwen_Qwen_2_5}. Used for lookup and pinning. */
    String name();

    /** Human-readable name, e.g. {@code Qwen Qwen-2.5}. */
    String label();

    /** The home page or endpoint of the service behind the provider. */
    String url();

    /** False when the provider is known to be out of order; the registry then tries it last. */
    boolean working();

    /** True when the provider needs an API key or login. */
    default boolean needsAuth() {
        return false;
    }

    /** True when answers arrive piece by piece rather than all at once. */
    boolean supportsStream();

    /** True when system messages reach the model as instructions. */
    boolean supportsSystemMessage();

    /** True when earlier turns of the conversation reach the model as such. */
    boolean supportsMessageHistory();

    /**
     * The typed generation parameters of {@link ProviderOptions} that this provider sends upstream. The registry
     * tells the caller, with one {@link ResponseChunk.Notice}, which of the parameters set are not among them.
     *
     * @return the parameters honoured; the default is none
     */
    default Set<GenerationParameter> supportedParameters() {
        return Set.of();
    }

    /**
     * Whether the provider enforces {@link ProviderOptions#idleTimeout()} itself, counting upstream events that are
     * not chunks (Gradio heartbeats while a request waits in a queue, SSE keep-alive comments). The registry then
     * leaves the idle limit to the provider; the registry's total limit applies to every provider.
     *
     * @return true when the provider has its own idle watchdog; the default is false
     */
    default boolean enforcesIdleTimeout() {
        return false;
    }

    /**
     * Prepares the request; nothing is sent until the result is subscribed to.
     *
     * @param model a model name or alias served by this provider; null or blank for the default model
     * @param messages the conversation to continue
     * @param options proxy, endpoint, timeouts and provider-specific settings
     * @return the streamed answer, cold and single-use
     * @throws ModelNotFoundException when the provider does not serve {@code model}
     * @throws IllegalArgumentException when {@code messages} cannot be sent (for example, no user message)
     */
    AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options);

    /** As {@link #createAsyncGenerator(String, Messages, ProviderOptions)} with {@link ProviderOptions#defaults()}. */
    default AsyncResult createAsyncGenerator(String model, Messages messages) {
        return createAsyncGenerator(model, messages, ProviderOptions.defaults());
    }

    /** Releases what the provider holds. The default does nothing. Does not throw checked exceptions. */
    @Override
    default void close() {
    }
}
