package dev.g4j.gradio.testkit;

import java.util.Objects;

/**
 * One earlier exchange of a conversation, reduced to plain strings, as the chat function sees it.
 *
 * @param user the user's message
 * @param bot  the bot's reply
 */
public record HistoryPair(String user, String bot) {
    /**
     * Checks that neither side is null; a missing side is represented by the empty string.
     *
     * @param user see the record component
     * @param bot see the record component
     */
    public HistoryPair {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(bot, "bot");
    }
}
