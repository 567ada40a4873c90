package dev.g4j.provider.qwen25;

import java.util.Objects;

/**
 * One earlier exchange of the conversation, sent as a {@code [user, assistant]} pair of the Space's chatbot history.
 *
 * @param user what the user said; empty when the conversation has an assistant message with no user message before
 *        it
 * @param assistant what the assistant answered
 */
public record ChatTurn(String user, String assistant) {
    public ChatTurn {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(assistant, "assistant");
    }

    /** Shows lengths only, so that conversation text stays out of logs. */
    @Override
    public String toString() {
        return "ChatTurn[user=" + user.length() + " chars, assistant=" + assistant.length() + " chars]";
    }
}
