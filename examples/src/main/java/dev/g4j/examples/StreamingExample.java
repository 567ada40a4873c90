package dev.g4j.examples;

import dev.g4j.provider.api.Message;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.registry.ProviderRegistry;

import java.io.PrintStream;
import java.util.stream.Stream;

/**
 * Picks a provider by model name from the registry and prints the answer as it streams in.
 *
 * <pre>{@code java -cp g4j.jar dev.g4j.examples.StreamingExample [--base-url URL] [PROMPT]}</pre>
 */
public final class StreamingExample {

    private StreamingExample() {
    }

    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(args, "Name three uses of a hash map.");
        System.out.println(run(a, System.out));
    }

    /** Streams the answer to {@code out}; returns it whole. */
    public static String run(ExampleArgs args, PrintStream out) {
        try (ProviderRegistry registry = ProviderRegistry.load()) {
            Messages chat = Messages.of(Message.user(args.prompt()));
            StringBuilder answer = new StringBuilder();
            // Closing the stream cancels the request, should the loop end early.
            try (Stream<ResponseChunk> chunks = registry.create("qwen-2.5", chat, args.options()).stream()) {
                chunks.forEach(chunk -> {
                    if (chunk instanceof ResponseChunk.Text t) {
                        out.print(t.text());
                        out.flush();
                        answer.append(t.text());
                    } else if (chunk instanceof ResponseChunk.TextReplaced r) {
                        // The Space rewrote what it sent; a console cannot redraw, so start a fresh line.
                        out.println();
                        out.print(r.text());
                        answer.setLength(0);
                        answer.append(r.text());
                    }
                });
            }
            out.println();
            return answer.toString();
        }
    }
}
