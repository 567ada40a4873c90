package dev.g4j.provider.api;

/**
 * One message of a conversation.
 *
 * @param role who wrote it, never null
 * @param content its text, never null or empty
 */
public record Message(Role role, String content) {

    public Message {
        if (role == null) {
            throw new IllegalArgumentException("A message needs a role (system, user or assistant)");
        }
        if (content == null || content.isEmpty()) {
            throw new IllegalArgumentException("A " + role.wireName() + " message needs non-empty content");
        }
    }

    public static Message system(String content) {
        return new Message(Role.SYSTEM, content);
    }

    public static Message user(String content) {
        return new Message(Role.USER, content);
    }

    public static Message assistant(String content) {
        return new Message(Role.ASSISTANT, content);
    }

    /** Shows the role and the length only, so that prompts do not end up in logs. */
    @Override
    public String toString() {
        return "Message[" + role.wireName() + ", " + content.length() + " chars]";
    }
}
