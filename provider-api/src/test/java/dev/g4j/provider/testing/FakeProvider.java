package dev.g4j.provider.testing;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.GenerationParameter;
import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.RemoteProcessException;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.api.Role;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider for the tests of hosts and framework adapters, whose answer depends on the last user message:
 * {@code reason}, {@code replace}, {@code rewrite}, {@code fail}, {@code endless}, {@code counted}; anything else is
 * answered with "Hello world" in two deltas. It records the last request and counts down {@link #cancelled()} when a
 * subscriber cancels.
 */
public final class FakeProvider implements AsyncGeneratorProvider {
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final AtomicInteger produced = new AtomicInteger();
    private volatile Messages lastMessages;
    private volatile ProviderOptions lastOptions;
    private volatile String lastModel;

    /** @return counted down when a subscriber cancels */
    public CountDownLatch cancelled() {
        return cancelled;
    }

    /** @return the chunks the {@code counted} answer produced, each only when the subscriber had asked for it */
    public AtomicInteger produced() {
        return produced;
    }

    /** @return the messages of the last request, or null */
    public Messages lastMessages() {
        return lastMessages;
    }

    /** @return the options of the last request, or null */
    public ProviderOptions lastOptions() {
        return lastOptions;
    }

    /** @return the model of the last request, or null */
    public String lastModel() {
        return lastModel;
    }

    @Override public String name() { return "Fake"; }
    @Override public String label() { return "Fake"; }
    @Override public String url() { return "http://127.0.0.1/fake"; }
    @Override public boolean working() { return true; }
    @Override public boolean supportsStream() { return true; }
    @Override public boolean supportsSystemMessage() { return true; }
    @Override public boolean supportsMessageHistory() { return true; }

    @Override
    public Set<GenerationParameter> supportedParameters() {
        return EnumSet.allOf(GenerationParameter.class);
    }

    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        lastModel = model;
        lastMessages = messages;
        lastOptions = options;
        String prompt = messages.last(Role.USER).map(Message::content).orElse("");
        if (prompt.equals("endless")) {
            return endless();
        }
        return AsyncResult.create(sink -> {
            sink.onCancel(cancelled::countDown);
            switch (prompt) {
                case "reason" -> {
                    sink.emit(ResponseChunk.reasoning("Let me think."));
                    sink.emitText("Done");
                    sink.emit(ResponseChunk.usage(3, 4, 7));
                    sink.emit(ResponseChunk.finish("length"));
                    sink.complete();
                }
                case "replace" -> {
                    sink.emitText("Hello");
                    sink.emit(ResponseChunk.replaced("Hello world"));
                    sink.emitText("!");
                    sink.complete();
                }
                case "rewrite" -> {
                    sink.emitText("Hello wrld");
                    sink.emit(ResponseChunk.replaced("Hello world"));
                    sink.emitText("!");
                    sink.complete();
                }
                case "counted" -> sink.onDemand(() -> {
                    while (sink.demand() > 0 && !sink.isDone()) {
                        sink.emitText("n" + produced.incrementAndGet() + " ");
                    }
                });
                case "fail" -> {
                    sink.emitText("partial");
                    sink.fail(new RemoteProcessException("The fake upstream failed on purpose; retry later"));
                }
                default -> {
                    sink.emitText("Hello");
                    sink.emitText(" world");
                    sink.complete();
                }
            }
        });
    }

    /** Ticks on its own thread as fast as the subscriber asks, until cancelled. */
    private AsyncResult endless() {
        return AsyncResult.fromBlocking(null, sink -> {
            try {
                while (sink.emitText("tick ")) {
                    // each emit waits for demand
                }
            } finally {
                if (sink.isCancelled()) {
                    cancelled.countDown();
                }
            }
        });
    }
}
