package dev.g4j.examples;

import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.registry.ProviderRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Consumes the answer as a {@link Flow.Publisher}, asking for one chunk at a time: the provider reads no further
 * ahead than the subscriber has asked for, so a slow consumer slows the upstream instead of filling memory.
 *
 * <pre>{@code java -cp g4j.jar dev.g4j.examples.BackpressureExample [--base-url URL] [PROMPT]}</pre>
 */
public final class BackpressureExample {

    private BackpressureExample() {
    }

    public static void main(String[] args) {
        List<ResponseChunk> chunks = run(ExampleArgs.parse(args, "Count from one to ten in words."));
        chunks.forEach(System.out::println);
    }

    /** Returns every chunk, in order, received one request at a time. */
    public static List<ResponseChunk> run(ExampleArgs args) {
        try (ProviderRegistry registry = ProviderRegistry.load()) {
            OneAtATime subscriber = new OneAtATime();
            registry.create("qwen-2.5", Messages.ofUser(args.prompt()), args.options()).subscribe(subscriber);
            return subscriber.done.join();
        }
    }

    /** Requests one chunk, handles it, then requests the next. */
    static final class OneAtATime implements Flow.Subscriber<ResponseChunk> {
        final CompletableFuture<List<ResponseChunk>> done = new CompletableFuture<>();
        private final List<ResponseChunk> received = new ArrayList<>();
        private Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(ResponseChunk chunk) {
            received.add(chunk);
            // Slow work on the chunk would go here; nothing more arrives until the next request.
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            done.complete(List.copyOf(received));
        }
    }
}
