package dev.g4j.langchain4j.internal;

import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.registry.ProviderRegistry;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What both LangChain4j models share: the registry (closed with the model when the model made it), the model
 * string and the options, and the answers in flight, which {@link #close()} cancels.
 */
public final class G4jBackend implements AutoCloseable {
    private final ProviderRegistry registry;
    private final boolean ownsRegistry;
    private final String model;
    private final ProviderOptions options;
    private final Set<AnswerSubscriber> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Makes a backend.
     *
     * @param registry the host's registry, or null to load one that the backend owns
     * @param model an alias or {@code Provider:model}, or null for the default chain
     * @param options the options, or null for {@link ProviderOptions#defaults()}
     */
    public G4jBackend(ProviderRegistry registry, String model, ProviderOptions options) {
        this.ownsRegistry = registry == null;
        this.registry = registry == null ? ProviderRegistry.load() : registry;
        this.model = model == null || model.isBlank() ? null : model.strip();
        this.options = options == null ? ProviderOptions.defaults() : options;
    }

    /**
     * The model string the backend asks for.
     *
     * @return an alias or {@code Provider:model}, or null for the default chain
     */
    public String model() {
        return model;
    }

    /**
     * Makes a subscriber for one answer; {@link #start(ChatRequest, AnswerSubscriber)} subscribes it.
     *
     * @param listener hears the answer
     * @return the subscriber, to cancel the answer
     */
    public AnswerSubscriber subscriber(AnswerSubscriber.Listener listener) {
        AnswerSubscriber[] self = new AnswerSubscriber[1];
        self[0] = new AnswerSubscriber(listener, () -> inFlight.remove(self[0]));
        return self[0];
    }

    /**
     * Maps the request and subscribes to the answer.
     *
     * @param request the LangChain4j request
     * @param subscriber from {@link #subscriber(AnswerSubscriber.Listener)}
     * @throws IllegalArgumentException when the request holds what g4j cannot send
     * @throws dev.g4j.provider.api.ProviderException when no provider serves the model
     * @throws IllegalStateException when the model is closed
     */
    public void start(ChatRequest request, AnswerSubscriber subscriber) {
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            throw new IllegalStateException("The g4j chat model is closed");
        }
        var messages = RequestMapper.messages(request);
        var requestOptions = RequestMapper.options(request, options);
        var result = registry.create(RequestMapper.model(request, model), messages, requestOptions);
        if (subscriber.isDone()) {
            return;
        }
        inFlight.add(subscriber);
        if (closed.get()) {
            subscriber.cancel();
        }
        result.subscribe(subscriber);
    }

    /** Cancels the answers in flight and closes the registry when the backend made it. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AnswerSubscriber subscriber : inFlight) {
            subscriber.cancel();
        }
        if (ownsRegistry) {
            registry.close();
        }
    }
}
