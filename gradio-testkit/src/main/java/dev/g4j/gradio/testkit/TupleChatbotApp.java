package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.List;

import static dev.g4j.gradio.testkit.AppSpec.NODES;
import static dev.g4j.gradio.testkit.AppSpec.object;

/**
 * A minimal {@code gr.Chatbot} (tuples format) app: {@code msg.submit(respond, [msg, chatbot],
 * [msg, chatbot])}, where {@code respond} yields {@code ("", history + [[message, reply]])}.
 */
final class TupleChatbotApp extends SimulatedApp {

    static final int CHATBOT = 1;
    static final int TEXTBOX = 2;

    private static final AppSpec SPEC = new AppSpec("Gradio", List.of(
            new AppSpec.Component(CHATBOT, "chatbot", object("value", List.of(), "label", "Chatbot",
                    "show_label", true, "visible", true, "elem_id", null, "elem_classes", List.of(),
                    "type", "tuples"), false,
                    object("type", "array", "items", object("type", "array", "maxItems", 2, "minItems", 2)),
                    NODES.arrayNode(), "List[List[str | Tuple[str] | Tuple[str | Path, str] | None]]"),
            new AppSpec.Component(TEXTBOX, "textbox", object("value", "", "lines", 1, "max_lines", 20,
                    "label", "Message", "show_label", true, "visible", true, "elem_id", null, "elem_classes",
                    List.of(), "type", "text"), false, object("type", "string"), NODES.textNode("Hello!!"),
                    "str")),
            List.of(new AppSpec.Dependency(0, TEXTBOX, "submit", List.of(TEXTBOX, CHATBOT),
                    List.of(TEXTBOX, CHATBOT), "respond", true, List.of("message", "chat_history"))));

    @Override
    public int chatFnIndex() {
        return 0;
    }

    @Override
    public int chatTriggerId() {
        return TEXTBOX;
    }

    @Override
    public AppSpec spec() {
        return SPEC;
    }

    @Override
    public AppCall call(int fnIndex, JsonNode data, SessionState state) {
        if (fnIndex != 0 || data.size() < 2) {
            return new AppCall.Failure();
        }
        String prompt = textOrEmpty(data.get(0));
        JsonNode historyNode = data.get(1);
        if (prompt == null || !(historyNode.isNull() || historyNode.isArray())) {
            return new AppCall.Failure();
        }
        List<JsonNode[]> sides = new ArrayList<>();
        List<HistoryPair> history = new ArrayList<>();
        for (JsonNode pair : historyNode) {
            if (!pair.isArray() || pair.size() != 2) {
                return new AppCall.Failure();
            }
            String user = textOrEmpty(pair.get(0));
            String bot = textOrEmpty(pair.get(1));
            if (user == null || bot == null) {
                return new AppCall.Failure();
            }
            sides.add(new JsonNode[] {pair.get(0), pair.get(1)});
            history.add(new HistoryPair(user, bot));
        }
        ChatRequest request = new ChatRequest(prompt, history, null, null);
        return new AppCall.Streaming(request, reply -> {
            ArrayNode chatbot = NODES.arrayNode();
            for (JsonNode[] pair : sides) {
                chatbot.addArray().add(text(pair[0])).add(text(pair[1]));
            }
            chatbot.addArray().add(text(NODES.textNode(prompt))).add(text(NODES.textNode(reply)));
            return List.of(NODES.textNode(""), chatbot);
        });
    }

    /** {@code gr.Chatbot} post-processing of one side: null stays null, strings go through cleandoc. */
    private static JsonNode text(JsonNode side) {
        return side.isNull() ? NODES.nullNode() : NODES.textNode(Cleandoc.clean(side.textValue()));
    }
}
