package dev.g4j.provider.qwen25;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.g4j.gradio.DiffOp;
import dev.g4j.gradio.OutputChange;
import dev.g4j.gradio.OutputState;
import dev.g4j.provider.api.ResponseChunk;

import java.util.List;
import java.util.Optional;

/**
 * Follows the newest bot message of the Space's chatbot output (the assistant side of the last
 * {@code [user, assistant]} pair) through the stream of Gradio events and yields what the consumer must receive.
 *
 * <p>A message whose chatbot edits are only {@code append}s to {@code [lastPair, 1, "text"]} yields their
 * concatenation as one {@link ResponseChunk.Text}, in time proportional to the delta; edits to earlier pairs or the
 * user side are ignored. Any other edit of the chatbot (a full value, a {@code replace} such as the one caused by
 * Gradio's {@code cleandoc}, a new pair) makes it re-read the bot text from the applied state and reconcile: a
 * {@link ResponseChunk.Text} when the text only grew, otherwise a {@link ResponseChunk.TextReplaced}. While the
 * client reports the state out of sync nothing is yielded; the authoritative value at completion repairs it.
 */
final class BotReplyExtractor {
    private final int chatbotOutput;
    private final StreamedReply reply = new StreamedReply();

    /** @param chatbotOutput the position of the chatbot in the dependency's outputs */
    BotReplyExtractor(int chatbotOutput) {
        this.chatbotOutput = chatbotOutput;
    }

    /** Handles one applied {@code process_generating} message. */
    Optional<ResponseChunk> onGenerating(OutputState outputs, List<OutputChange> changes) {
        if (outputs.outOfSync()) {
            return Optional.empty();
        }
        int lastPair = lastPairIndex(outputs);
        StringBuilder appended = null;
        for (OutputChange change : changes) {
            if (change.outputIndex() != chatbotOutput) {
                continue;
            }
            if (change.op() == DiffOp.APPEND && isBotText(change.path(), lastPair) && change.value() != null
                    && change.value().isTextual()) {
                if (appended == null) {
                    appended = new StringBuilder();
                }
                appended.append(change.value().textValue());
            } else if (!isOutsideNewestBotMessage(change.path(), lastPair)) {
                return reply.reconcile(botText(outputs));
            }
        }
        return appended == null ? Optional.empty() : reply.appended(appended.toString());
    }

    /**
     * Handles a successful {@code process_completed}.
     *
     * @param hasData false when the server completed without values (a cancelled event); the text then stays
     *        as emitted
     */
    Optional<ResponseChunk> onCompleted(OutputState outputs, boolean hasData) {
        return hasData ? reply.reconcile(botText(outputs)) : Optional.empty();
    }

    /** The reply as emitted so far. */
    String text() {
        return reply.text();
    }

    private int lastPairIndex(OutputState outputs) {
        JsonNode chatbot = chatbotValue(outputs);
        return chatbot.isArray() ? chatbot.size() - 1 : -1;
    }

    private JsonNode chatbotValue(OutputState outputs) {
        if (chatbotOutput >= outputs.size()) {
            return NullNode.getInstance();
        }
        JsonNode value = outputs.get(chatbotOutput);
        return value == null ? NullNode.getInstance() : value;
    }

    private String botText(OutputState outputs) {
        JsonNode chatbot = chatbotValue(outputs);
        if (!chatbot.isArray() || chatbot.isEmpty()) {
            return "";
        }
        JsonNode pair = chatbot.get(chatbot.size() - 1);
        return pair.isArray() && pair.size() >= 2 ? ChatbotMessages.text(pair.get(1)) : "";
    }

    private static boolean isBotText(List<Object> path, int lastPair) {
        return path.size() == 3 && isIndex(path.get(0), lastPair) && isIndex(path.get(1), 1) && "text".equals(path.get(2));
    }

    /** True for an edit inside an earlier pair, or inside the user side of the last pair. */
    private static boolean isOutsideNewestBotMessage(List<Object> path, int lastPair) {
        if (path.size() < 2 || !(path.get(0) instanceof Integer pair)) {
            return false;
        }
        return pair < lastPair || pair == lastPair && isIndex(path.get(1), 0);
    }

    private static boolean isIndex(Object element, int index) {
        return element instanceof Integer i && i == index;
    }
}
