package dev.g4j.gradio.testkit;

import java.util.List;
import java.util.Objects;

/**
 * What the simulated chat function received for one event, after the app's pre-processing.
 *
 * @param prompt  the new user message ({@code ""} when the client sent null)
 * @param history earlier exchanges as plain strings, oldest first
 * @param system  the system prompt, or null for apps without one
 * @param model   the model selector value (the Qwen radio, for example {@code "72B"}), or null for apps
 *                without one
 */
public record ChatRequest(String prompt, List<HistoryPair> history, String system, String model) {
    /**
     * Copies the history and checks the required parts.
     *
     * @param prompt see the record component
     * @param history see the record component
     * @param system see the record component
     * @param model see the record component
     */
    public ChatRequest {
        Objects.requireNonNull(prompt, "prompt");
        history = List.copyOf(history);
    }
}
