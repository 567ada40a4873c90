package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.List;

import static dev.g4j.gradio.testkit.AppSpec.NODES;
import static dev.g4j.gradio.testkit.AppSpec.object;

/**
 * The Qwen2-72B-Instruct Space shape, from what gpt4free's {@code Qwen_Qwen_2_72B} sends and reads: a
 * Gradio 4 Blocks app whose {@code model_chat} (dependency 0, submit of the textbox 11) takes
 * {@code [query, chatbot, system]} and yields {@code ["", [[user, bot], …], system]} with a plain tuples
 * {@code gr.Chatbot}. The rest of the layout follows the Qwen 2.5 Space, which has the same author.
 */
final class Qwen2App extends SimulatedApp {

    static final String DEFAULT_SYSTEM = "You are a helpful assistant.";
    static final int SYSTEM_INPUT = 4;
    static final int MODIFY_SYSTEM = 5;
    static final int SYSTEM_STATE = 7;
    static final int CHATBOT = 9;
    static final int TEXTBOX = 11;
    static final int CLEAR_HISTORY = 12;
    static final int SEND = 13;

    private static final AppSpec SPEC = buildSpec();

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
        return switch (fnIndex) {
            case 0, 1 -> modelChat(data);
            case 2 -> new AppCall.Immediate(List.of(NODES.textNode(""), NODES.arrayNode()));
            case 3 -> data.size() < 1 ? new AppCall.Failure() : new AppCall.Immediate(
                    List.of(data.get(0), data.get(0), NODES.arrayNode()));
            default -> new AppCall.Failure();
        };
    }

    private static AppCall modelChat(JsonNode data) {
        if (data.size() < 3) {
            return new AppCall.Failure();
        }
        String prompt = textOrEmpty(data.get(0));
        String system = textOrEmpty(data.get(2));
        JsonNode historyNode = data.get(1);
        if (prompt == null || system == null || !(historyNode.isNull() || historyNode.isArray())) {
            return new AppCall.Failure();
        }
        List<HistoryPair> history = new ArrayList<>();
        for (JsonNode pair : historyNode) {
            String user = pair.isArray() && pair.size() == 2 ? textOrEmpty(pair.get(0)) : null;
            String bot = pair.isArray() && pair.size() == 2 ? textOrEmpty(pair.get(1)) : null;
            if (user == null || bot == null) {
                return new AppCall.Failure();
            }
            history.add(new HistoryPair(user, bot));
        }
        String effectiveSystem = system.isEmpty() ? DEFAULT_SYSTEM : system;
        ChatRequest request = new ChatRequest(prompt, history, effectiveSystem, null);
        return new AppCall.Streaming(request, reply -> {
            ArrayNode chatbot = NODES.arrayNode();
            for (HistoryPair pair : history) {
                chatbot.addArray().add(Cleandoc.clean(pair.user())).add(Cleandoc.clean(pair.bot()));
            }
            chatbot.addArray().add(Cleandoc.clean(prompt)).add(Cleandoc.clean(reply));
            return List.of(NODES.textNode(""), chatbot, NODES.textNode(effectiveSystem));
        });
    }

    private static AppSpec buildSpec() {
        List<AppSpec.Component> c = new ArrayList<>();
        c.add(textbox(SYSTEM_INPUT, "System", DEFAULT_SYSTEM, true));
        c.add(button(MODIFY_SYSTEM, "🛠️ Set system prompt and clear history"));
        c.add(textbox(SYSTEM_STATE, null, DEFAULT_SYSTEM, false));
        c.add(new AppSpec.Component(CHATBOT, "chatbot", object("value", List.of(), "label", "Qwen2-72B-Instruct",
                "show_label", true, "visible", true, "elem_id", null, "elem_classes", List.of(), "type", "tuples"),
                false, object("type", "array", "items", object("type", "array", "maxItems", 2, "minItems", 2)),
                NODES.arrayNode(), "List[List[str | Tuple[str] | Tuple[str | Path, str] | None]]"));
        c.add(textbox(TEXTBOX, "Input", "", true));
        c.add(button(CLEAR_HISTORY, "🧹 Clear History"));
        c.add(button(SEND, "🚀 Send"));
        List<String> params = List.of("query", "history", "system");
        return new AppSpec("Gradio", c, List.of(
                new AppSpec.Dependency(0, TEXTBOX, "submit", List.of(TEXTBOX, CHATBOT, SYSTEM_STATE),
                        List.of(TEXTBOX, CHATBOT, SYSTEM_INPUT), "model_chat", true, params),
                new AppSpec.Dependency(1, SEND, "click", List.of(TEXTBOX, CHATBOT, SYSTEM_STATE),
                        List.of(TEXTBOX, CHATBOT, SYSTEM_INPUT), "model_chat_1", true, params),
                new AppSpec.Dependency(2, CLEAR_HISTORY, "click", List.of(), List.of(TEXTBOX, CHATBOT),
                        "clear_session", false, List.of()),
                new AppSpec.Dependency(3, MODIFY_SYSTEM, "click", List.of(SYSTEM_INPUT),
                        List.of(SYSTEM_STATE, SYSTEM_INPUT, CHATBOT), "modify_system_session", false,
                        List.of("system"))));
    }

    static AppSpec.Component textbox(int id, String label, String value, boolean visible) {
        return new AppSpec.Component(id, "textbox", object("value", value, "lines", 1, "max_lines", 20,
                "label", label, "show_label", true, "visible", visible, "elem_id", null, "elem_classes",
                List.of(), "type", "text"), false, object("type", "string"), NODES.textNode("Hello!!"), "str");
    }

    static AppSpec.Component button(int id, String value) {
        return new AppSpec.Component(id, "button", object("value", value, "variant", "secondary",
                "visible", true, "interactive", true, "elem_id", null, "elem_classes", List.of()),
                true, object("type", "string"), NODES.textNode(value), "str");
    }
}
