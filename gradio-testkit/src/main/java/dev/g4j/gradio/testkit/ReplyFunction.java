package dev.g4j.gradio.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides which tokens the simulated model "generates" for a request. The simulated chat function
 * yields the cumulative concatenation of the tokens, one yield per token, like DashScope's streaming
 * call does.
 */
@FunctionalInterface
public interface ReplyFunction {

    /**
     * Returns the tokens of the reply, in order. An empty list makes the function yield nothing. A
     * thrown runtime exception makes the event fail like an exception inside the app would.
     */
    List<String> reply(ChatRequest request);

    /**
     * The default: a deterministic echo. The reply is {@code "You said: <prompt>"} (or
     * {@code "Hello! How can I help you?"} for a blank prompt), split into word tokens that keep their
     * leading space, for example {@code ["You", " said:", " Hello", " world"]}.
     */
    static ReplyFunction echo() {
        return request -> {
            String prompt = request.prompt().strip();
            String text = prompt.isEmpty() ? "Hello! How can I help you?" : "You said: " + prompt;
            return splitWords(text);
        };
    }

    /** Splits a text into tokens at spaces, each token after the first keeping its leading space. */
    static List<String> splitWords(String text) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == ' ' && text.charAt(i - 1) != ' ') {
                tokens.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length()) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }
}
