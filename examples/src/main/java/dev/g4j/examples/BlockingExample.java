package dev.g4j.examples;

import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.registry.ProviderRegistry;

/**
 * The shortest way to an answer: ask, and wait for the whole text.
 *
 * <pre>{@code java -cp g4j.jar dev.g4j.examples.BlockingExample [--base-url URL] [PROMPT]}</pre>
 */
public final class BlockingExample {

    private BlockingExample() {
    }

    public static void main(String[] args) {
        System.out.println(run(ExampleArgs.parse(args, "What is a monad, in one sentence?")));
    }

    /** Returns the whole answer, with any rewrite by the Space already applied. */
    public static String run(ExampleArgs args) {
        try (ProviderRegistry registry = ProviderRegistry.load()) {
            Messages chat = Messages.of(
                    Message.system("Answer in one sentence."),
                    Message.user(args.prompt()));
            // join() rethrows a failure as a CompletionException around the ProviderException.
            return registry.create("qwen-2.5", chat, args.options()).text().join();
        }
    }
}
