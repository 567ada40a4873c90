package dev.g4j.examples;

import dev.g4j.provider.api.Messages;
import dev.g4j.provider.qwen25.Qwen25Provider;
import dev.g4j.provider.registry.ProviderRegistry;
import io.vertx.core.Vertx;

/**
 * A host application that already runs Vert.x hands its instance to the provider and adds the provider to the
 * registry itself, instead of letting ServiceLoader create one with a Vert.x of its own.
 *
 * <pre>{@code java -cp g4j.jar dev.g4j.examples.HostVertxExample [--base-url URL] [PROMPT]}</pre>
 */
public final class HostVertxExample {

    private HostVertxExample() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        try {
            System.out.println(run(vertx, ExampleArgs.parse(args, "Say hello to Vert.x.")));
        } finally {
            vertx.close().await();
        }
    }

    /** Answers with a provider that runs on {@code vertx}; the host keeps owning and closing {@code vertx}. */
    public static String run(Vertx vertx, ExampleArgs args) {
        // The registry never closes providers passed to the builder, and the provider never closes the host's Vert.x.
        try (Qwen25Provider qwen = new Qwen25Provider(vertx);
             ProviderRegistry registry = ProviderRegistry.builder()
                     .add(qwen)
                     .useDefaultClassLoaders(false)
                     .build()) {
            return registry.create("qwen-2.5", Messages.ofUser(args.prompt()), args.options()).text().join();
        }
    }
}
