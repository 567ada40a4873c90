package dev.g4j.provider.qwen25;

import java.util.List;
import java.util.Objects;

/**
 * What one call to the Space's {@code model_chat} function sends, before it is laid out in the order of the
 * dependency's inputs.
 *
 * @param prompt the new user message (the Space's input textbox)
 * @param history the earlier exchanges, oldest first (the Space's chatbot value)
 * @param systemPrompt the instructions (the Space's hidden system textbox)
 * @param model the variant (the Space's hidden radio)
 */
public record Qwen25Request(String prompt, List<ChatTurn> history, String systemPrompt, Qwen25Model model) {
    public Qwen25Request {
        Objects.requireNonNull(prompt, "prompt");
        history = List.copyOf(history);
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(model, "model");
    }

    /** The history as the chatbot input expects it: a list of {@code [user, assistant]} string pairs. */
    public List<List<String>> historyPairs() {
        return history.stream().map(t -> List.of(t.user(), t.assistant())).toList();
    }

    /** Shows sizes only, so that conversation text stays out of logs. */
    @Override
    public String toString() {
        return "Qwen25Request[prompt=" + prompt.length() + " chars, history=" + history.size() + " turns, system="
                + systemPrompt.length() + " chars, model=" + model.modelName() + "]";
    }
}
