package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.g4j.gradio.DiffOp;
import dev.g4j.gradio.OutputChange;
import dev.g4j.gradio.OutputState;
import dev.g4j.provider.api.ResponseChunk;
import dev.g4j.provider.gradiochat.ChatFormat;

import java.util.List;
import java.util.Optional;

/**
 * Follows the reply in one output of a chat endpoint through the stream of Gradio events and yields what the
 * consumer must receive: {@link ResponseChunk.Text} deltas, a {@link ResponseChunk.TextReplaced} when the app
 * rewrites text already sent (Gradio's {@code cleandoc}, a new message), and {@link ResponseChunk.Reasoning} deltas.
 *
 * <p>After each full read of the output the tracker remembers where the answer's last piece lives (for example
 * {@code [lastPair, 1]} of a tuples chatbot). Edits that only {@code append} there are deltas handled in time
 * proportional to the delta; any other edit of the output makes it re-read the reply with {@link ReplyExtractor}
 * and reconcile. While the client reports the state out of sync nothing is yielded; the completed value repairs it.
 */
public final class ReplyTracker {
    private final ChatFormat format;
    private final int output;
    private final StringBuilder answer = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private List<Object> tailPath;

    /**
     * Makes a tracker.
     *
     * @param format the chatbot format
     * @param output the index of the output that holds the chatbot
     */
    public ReplyTracker(ChatFormat format, int output) {
        this.format = format;
        this.output = output;
    }

    /**
     * Handles one applied {@code process_generating} message.
     *
     * @param outputs the outputs after the message
     * @param changes the message's edits
     * @param out     receives the chunks to emit, in order
     */
    public void onGenerating(OutputState outputs, List<OutputChange> changes, List<ResponseChunk> out) {
        if (outputs.outOfSync()) {
            return;
        }
        // the usual message is one append at the answer's end: its delta is emitted as it is, without a copy
        String first = null;
        StringBuilder more = null;
        boolean touched = changes.isEmpty();
        boolean onlyTailAppends = tailPath != null;
        for (int i = 0, n = changes.size(); i < n; i++) {
            OutputChange change = changes.get(i);
            if (change.outputIndex() != output) {
                continue;
            }
            touched = true;
            String delta = onlyTailAppends && change.op() == DiffOp.APPEND && isTailPath(change.path())
                    ? textOf(change.value()) : null;
            if (delta == null) {
                onlyTailAppends = false;
            } else if (first == null) {
                first = delta;
            } else {
                if (more == null) {
                    more = new StringBuilder(first);
                }
                more.append(delta);
            }
        }
        if (!touched) {
            return;
        }
        if (onlyTailAppends) {
            String delta = more != null ? more.toString() : first;
            if (delta != null && !delta.isEmpty()) {
                answer.append(delta);
                out.add(ResponseChunk.text(delta));
            }
            return;
        }
        ChatReply reply = read(outputs);
        if (reply instanceof ChatReply.Text text) {
            reconcile(text, out);
            tailPath = tailPath(value(outputs));
        } else {
            tailPath = null;
        }
    }

    /**
     * Handles a successful {@code process_completed} with values.
     *
     * @param outputs the completed outputs
     * @param out     receives the chunks to emit, in order
     * @return empty when the reply was read, else a message saying which output held what
     */
    public Optional<String> onCompleted(OutputState outputs, List<ResponseChunk> out) {
        ChatReply reply = read(outputs);
        if (reply instanceof ChatReply.Unreadable unreadable) {
            return Optional.of(unreadable.message());
        }
        ChatReply.Text text = (ChatReply.Text) reply;
        reconcile(text, out);
        JsonNode value = value(outputs);
        if (answer.length() == 0 && reasoning.length() == 0 && hasContent(value)) {
            return Optional.of("Output " + output + " of the chat endpoint holds " + ReplyExtractor.describe(value, 2)
                    + ", but no " + format + " reply text could be read from it; check the spec's chat format and"
                    + " chatbot output index against the app's /config");
        }
        return Optional.empty();
    }

    /**
     * The answer as emitted so far, with replacements applied.
     *
     * @return the text
     */
    public String text() {
        return answer.toString();
    }

    private ChatReply read(OutputState outputs) {
        JsonNode value = value(outputs);
        // a null output holds no reply yet; a missing one (a wrong index) is unreadable
        return value != null && value.isNull() ? ChatReply.Text.EMPTY : ReplyExtractor.extract(format, output, value);
    }

    private JsonNode value(OutputState outputs) {
        return output < outputs.size() ? outputs.get(output) : null;
    }

    private void reconcile(ChatReply.Text reply, List<ResponseChunk> out) {
        String r = reply.reasoning();
        if (r.length() > reasoning.length() && startsWith(r, reasoning)) {
            out.add(new ResponseChunk.Reasoning(r.substring(reasoning.length())));
            reasoning.append(r, reasoning.length(), r.length());
        } else if (!startsWith(r, reasoning)) {
            // reasoning already shown cannot be taken back; follow the new text from here
            reasoning.setLength(0);
            reasoning.append(r);
        }
        String a = reply.answer();
        if (a.length() >= answer.length() && startsWith(a, answer)) {
            if (a.length() > answer.length()) {
                out.add(ResponseChunk.text(a.substring(answer.length())));
                answer.append(a, answer.length(), a.length());
            }
        } else {
            answer.setLength(0);
            answer.append(a);
            out.add(ResponseChunk.replaced(a));
        }
    }

    private static boolean startsWith(String text, StringBuilder prefix) {
        int n = prefix.length();
        if (text.length() < n) {
            return false;
        }
        if (n == 0) {
            return true;
        }
        // a bulk copy and String.equals run as vectorised intrinsics, where a charAt loop checks every index
        String p = prefix.toString();
        return text.length() == n ? text.equals(p) : text.startsWith(p);
    }

    /**
     * Whether {@code path} is {@link #tailPath}. The client hands the same list instance to consecutive messages
     * that edit the same place, so after one equal comparison the tracker keeps that instance and the next
     * messages match by identity.
     */
    private boolean isTailPath(List<Object> path) {
        if (path == tailPath) {
            return true;
        }
        if (path.equals(tailPath)) {
            tailPath = path;
            return true;
        }
        return false;
    }

    /** The text of a string node, else null. */
    private static String textOf(JsonNode value) {
        if (value instanceof TextNode t) {
            return t.textValue();
        }
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Where appends extend the answer's end, or null when no such single place is known. */
    private List<Object> tailPath(JsonNode value) {
        if (value == null || answer.length() == 0) {
            return null;
        }
        if (format == ChatFormat.RESPONSE) {
            return value.isTextual() ? List.of() : null;
        }
        if (!value.isArray() || value.isEmpty()) {
            return null;
        }
        int last = value.size() - 1;
        JsonNode item = value.get(last);
        if (item.isArray()) {
            if (item.size() != 2 || format != ChatFormat.TUPLES && format != ChatFormat.MGR) {
                return null;
            }
            JsonNode bot = item.get(1);
            if (bot.isTextual()) {
                return endsWith(bot.textValue(), List.of(last, 1));
            }
            JsonNode text = bot.get("text");
            return format == ChatFormat.MGR && text != null && text.isTextual()
                    ? endsWith(text.textValue(), List.of(last, 1, "text")) : null;
        }
        if (!"assistant".equals(item.path("role").asText()) || item.path("metadata").path("title").isTextual()) {
            return null;
        }
        JsonNode content = item.get("content");
        if (format == ChatFormat.MESSAGES && content != null && content.isTextual()) {
            return endsWith(content.textValue(), List.of(last, "content"));
        }
        if (format == ChatFormat.TYPED_MESSAGES && content != null && content.isArray() && !content.isEmpty()) {
            int k = content.size() - 1;
            JsonNode part = content.get(k);
            if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                return endsWith(part.get("text").textValue(), List.of(last, "content", k, "text"));
            }
        }
        return null;
    }

    /** The path, when the text there is non-empty and is the end of the answer. */
    private List<Object> endsWith(String piece, List<Object> path) {
        if (piece.isEmpty() || piece.length() > answer.length()) {
            return null;
        }
        int offset = answer.length() - piece.length();
        for (int i = 0; i < piece.length(); i++) {
            if (answer.charAt(offset + i) != piece.charAt(i)) {
                return null;
            }
        }
        return path;
    }

    /** Whether the bot side of the value holds any text (an app that answered, in a shape not understood). */
    private static boolean hasContent(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isObject() && "update".equals(value.path("__type__").asText(null))) {
            return hasContent(value.get("value"));
        }
        if (value.isArray() && !value.isEmpty()) {
            JsonNode last = value.get(value.size() - 1);
            if (last.isArray()) {
                return last.size() > 1 && hasText(last.get(last.size() - 1), 6);
            }
            if (last.isObject() && "user".equals(last.path("role").asText())) {
                return false;
            }
            return hasText(last, 6);
        }
        return hasText(value, 6);
    }

    private static boolean hasText(JsonNode node, int depth) {
        if (node == null || depth == 0) {
            return false;
        }
        if (node.isTextual()) {
            return !node.textValue().isBlank();
        }
        if (node.isObject()) {
            // the text-bearing keys only: "role" or "type" hold names, not answers
            return hasText(node.get("content"), depth - 1) || hasText(node.get("text"), depth - 1)
                    || hasText(node.get("value"), depth - 1);
        }
        for (JsonNode child : node) {
            if (hasText(child, depth - 1)) {
                return true;
            }
        }
        return false;
    }
}
