package dev.g4j.provider.qwen25;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the text of one side of a chatbot pair as the Space's chatbot ({@code mgr.Chatbot}) sends it: a message
 * object with a {@code text} field, a plain string, null, or a list of those (several bubbles, joined with a blank
 * line).
 */
final class ChatbotMessages {
    private ChatbotMessages() {
    }

    static String text(JsonNode side) {
        if (side == null || side.isNull() || side.isMissingNode()) {
            return "";
        }
        if (side.isTextual()) {
            return side.textValue();
        }
        if (side.isObject()) {
            JsonNode text = side.get("text");
            return text != null && text.isTextual() ? text.textValue() : "";
        }
        if (side.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode item : side) {
                String part = text(item);
                if (!part.isEmpty()) {
                    if (joined.length() > 0) {
                        joined.append("\n\n");
                    }
                    joined.append(part);
                }
            }
            return joined.toString();
        }
        return side.asText("");
    }
}
