package dev.g4j.examples;

import dev.g4j.provider.api.ProviderOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line shared by the examples: {@code [--base-url URL] [PROMPT...]}. The base URL may also come from
 * the system property {@code g4j.baseUrl}; it points the provider at another copy of the Space, such as the
 * gradio-testkit simulator.
 *
 * @param baseUrl the endpoint to use instead of the provider's own, or null
 * @param prompt the prompt, or {@code defaultPrompt} when none was given
 */
public record ExampleArgs(String baseUrl, String prompt) {

    /** Reads {@code args}; {@code defaultPrompt} is used when they hold no prompt. */
    public static ExampleArgs parse(String[] args, String defaultPrompt) {
        String baseUrl = System.getProperty("g4j.baseUrl");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--base-url") && i + 1 < args.length) {
                baseUrl = args[++i];
            } else if (args[i].startsWith("--base-url=")) {
                baseUrl = args[i].substring("--base-url=".length());
            } else {
                words.add(args[i]);
            }
        }
        return new ExampleArgs(baseUrl, words.isEmpty() ? defaultPrompt : String.join(" ", words));
    }

    /** The request options: the base URL when one was given, the defaults otherwise. */
    public ProviderOptions options() {
        return ProviderOptions.builder().baseUrl(baseUrl).build();
    }
}
