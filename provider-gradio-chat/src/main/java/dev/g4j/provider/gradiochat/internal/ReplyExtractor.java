package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.g4j.provider.gradiochat.ChatFormat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the last bot message from a chatbot output's full value (after the client applied the diffs), in
 * a {@link ChatFormat}. A {@code {"__type__":"update","value":…}} wrapper is unwrapped first. The answer
 * and the reasoning are returned separately; several answer (or reasoning) messages of the last turn are
 * joined with a blank line.
 */
public final class ReplyExtractor {

    private static final String JOIN = "\n\n";
    private static final int MAX_KEYS_SHOWN = 6;

    private ReplyExtractor() {
    }

    /**
     * Extracts the reply.
     *
     * @param format the chatbot format
     * @param output the output index the value came from (for the description of an unreadable value)
     * @param value  the output's full value; Java null when the output is missing
     * @return the text, or {@link ChatReply.Unreadable} saying what was seen
     */
    public static ChatReply extract(ChatFormat format, int output, JsonNode value) {
        JsonNode v = unwrapUpdate(value);
        if (v == null || v.isNull() || v.isMissingNode()) {
            if (value != null && value.isObject()) {
                return ChatReply.Text.EMPTY;
            }
            return new ChatReply.Unreadable(output, format, describe(value, 2));
        }
        ChatReply reply = switch (format) {
            case TUPLES -> tuples(v);
            case MESSAGES, TYPED_MESSAGES -> messages(v);
            case MGR -> mgr(v);
            case RESPONSE -> response(v);
        };
        return reply != null ? reply : new ChatReply.Unreadable(output, format, describe(value, 2));
    }

    /** The value of a {@code gr.update} dict, Java null for an update without a value, else the node. */
    private static JsonNode unwrapUpdate(JsonNode node) {
        if (node != null && node.isObject() && "update".equals(node.path("__type__").asText(null))) {
            return node.get("value");
        }
        return node;
    }

    private static ChatReply tuples(JsonNode chatbot) {
        if (!chatbot.isArray()) {
            return null;
        }
        if (chatbot.isEmpty()) {
            return ChatReply.Text.EMPTY;
        }
        JsonNode pair = chatbot.get(chatbot.size() - 1);
        if (!pair.isArray() || pair.size() != 2) {
            return null;
        }
        JsonNode bot = pair.get(1);
        if (bot.isTextual()) {
            return new ChatReply.Text(bot.textValue(), "");
        }
        return bot.isNull() || bot.isArray() || bot.isObject() ? ChatReply.Text.EMPTY : null;
    }

    private static ChatReply mgr(JsonNode chatbot) {
        if (!chatbot.isArray()) {
            return null;
        }
        if (chatbot.isEmpty()) {
            return ChatReply.Text.EMPTY;
        }
        JsonNode last = chatbot.get(chatbot.size() - 1);
        if (last.isArray()) {
            if (last.size() != 2) {
                return null;
            }
            JsonNode bot = last.get(1);
            if (bot.isTextual()) {
                return new ChatReply.Text(bot.textValue(), "");
            }
            if (bot.isObject()) {
                JsonNode text = bot.get("text");
                return new ChatReply.Text(text != null && text.isTextual() ? text.textValue() : "", "");
            }
            return bot.isNull() ? ChatReply.Text.EMPTY : null;
        }
        if (!last.isObject() || !last.has("role")) {
            return null;
        }
        Parts parts = new Parts();
        for (JsonNode message : lastTurn(chatbot)) {
            JsonNode content = message.get("content");
            if (content != null && content.isTextual()) {
                parts.answer(content.textValue());
            } else if (content != null && content.isArray()) {
                for (JsonNode part : content) {
                    String text = partText(part);
                    if (text != null) {
                        boolean thinking = "tool".equals(part.path("type").asText())
                                || "thinking".equals(part.path("type").asText())
                                || part.path("thinking").asBoolean(false);
                        parts.add(thinking, text);
                    }
                }
            }
        }
        return parts.reply();
    }

    private static ChatReply messages(JsonNode chatbot) {
        if (!chatbot.isArray()) {
            return null;
        }
        for (JsonNode message : chatbot) {
            if (!message.isObject() || !message.has("role")) {
                return null;
            }
        }
        Parts parts = new Parts();
        for (JsonNode message : lastTurn(chatbot)) {
            parts.add(hasTitle(message), contentText(message.get("content")));
        }
        return parts.reply();
    }

    private static ChatReply response(JsonNode value) {
        if (value.isTextual()) {
            return new ChatReply.Text(value.textValue(), "");
        }
        Parts parts = new Parts();
        Iterator<JsonNode> items = value.isArray() ? value.elements() : List.of(value).iterator();
        while (items.hasNext()) {
            JsonNode item = items.next();
            if (item.isTextual()) {
                parts.answer(item.textValue());
            } else if (item.isObject() && item.has("content")) {
                parts.add(hasTitle(item), contentText(item.get("content")));
            } else if (!item.isNull() && !item.isObject()) {
                return null;
            }
        }
        return parts.reply();
    }

    /** The assistant messages after the last user message. */
    private static List<JsonNode> lastTurn(JsonNode chatbot) {
        List<JsonNode> turn = new ArrayList<>();
        for (JsonNode message : chatbot) {
            String role = message.path("role").asText();
            if ("user".equals(role)) {
                turn.clear();
            } else if ("assistant".equals(role)) {
                turn.add(message);
            }
        }
        return turn;
    }

    private static boolean hasTitle(JsonNode message) {
        JsonNode title = message.path("metadata").path("title");
        return title.isTextual() && !title.textValue().isEmpty();
    }

    /** A message's text: string content, or the text of its parts; "" for files and components. */
    private static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    text.append(part.textValue());
                } else if ("text".equals(part.path("type").asText())) {
                    String t = partText(part);
                    text.append(t == null ? "" : t);
                }
            }
            return text.toString();
        }
        return "";
    }

    private static String partText(JsonNode part) {
        for (String key : List.of("text", "content")) {
            JsonNode t = part.get(key);
            if (t != null && t.isTextual()) {
                return t.textValue();
            }
        }
        return null;
    }

    /** A short description of a value's shape, never its text. */
    static String describe(JsonNode node, int depth) {
        if (node == null || node.isMissingNode()) {
            return "no value";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            Iterator<String> names = node.fieldNames();
            while (names.hasNext() && keys.size() < MAX_KEYS_SHOWN) {
                keys.add(names.next());
            }
            String more = node.size() > MAX_KEYS_SHOWN ? ", …" : "";
            String described = "an object with keys [" + String.join(", ", keys) + more + "]";
            JsonNode value = unwrapUpdate(node);
            if (value != node && value != null && depth > 0) {
                described += " whose value is " + describe(value, depth - 1);
            }
            return described;
        }
        if (node.isEmpty()) {
            return "an empty list";
        }
        String described = "a list of " + node.size() + (node.size() == 1 ? " item" : " items");
        return depth > 0 ? described + ", the last " + describe(node.get(node.size() - 1), depth - 1) : described;
    }

    /** Collects answer and reasoning pieces. */
    private static final class Parts {
        private final List<String> answer = new ArrayList<>();
        private final List<String> reasoning = new ArrayList<>();

        void add(boolean isReasoning, String text) {
            (isReasoning ? reasoning : answer).add(text);
        }

        void answer(String text) {
            answer.add(text);
        }

        ChatReply.Text reply() {
            return new ChatReply.Text(join(answer), join(reasoning));
        }

        private static String join(List<String> pieces) {
            List<String> nonEmpty = pieces.stream().filter(p -> !p.isEmpty()).toList();
            return String.join(JOIN, nonEmpty);
        }
    }
}
