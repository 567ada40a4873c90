package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static dev.g4j.gradio.testkit.AppSpec.NODES;
import static dev.g4j.gradio.testkit.AppSpec.object;

/** The Qwen 2.5 Space (modelscope-studio 0.5 {@code mgr.Chatbot}); see the protocol spec §10.3 and §11. */
final class QwenChatApp extends SimulatedApp {

    static final String DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    static final List<String> SIZES = List.of("72B", "32B", "14B", "7B", "3B", "1.5B", "0.5B");
    static final List<String> MATH = List.of("Math-72B", "Math-7B", "Math-1.5B");
    static final List<String> CODER = List.of("Coder-7B", "Coder-1.5B");
    static final List<String> MODELS;

    static {
        List<String> all = new ArrayList<>(SIZES);
        all.addAll(MATH);
        all.addAll(CODER);
        MODELS = List.copyOf(all);
    }

    static final int RADIO1 = 10;
    static final int RADIO2 = 11;
    static final int RADIO3 = 12;
    static final int RADIO = 14;
    static final int SYSTEM_INPUT = 20;
    static final int MODIFY_SYSTEM = 21;
    static final int SYSTEM_STATE = 23;
    static final int CHATBOT = 24;
    static final int TEXTBOX = 25;
    static final int CLEAR_HISTORY = 26;
    static final int SEND = 27;

    private static final AppSpec SPEC = buildSpec();

    @Override
    public int chatFnIndex() {
        return 3;
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
            case 0, 1, 2 -> updateOtherRadios(data);
            case 3, 4 -> modelChat(data);
            case 5 -> new AppCall.Immediate(List.of(NODES.textNode(""), NODES.arrayNode()));
            case 6 -> modifySystem(data);
            case 7 -> chooseRadio(data);
            default -> new AppCall.Failure();
        };
    }

    private static AppCall modelChat(JsonNode data) {
        if (data.size() < 4) {
            return new AppCall.Failure();
        }
        String prompt = textOrEmpty(data.get(0));
        JsonNode radio = data.get(3);
        if (prompt == null || !radio.isTextual() || !MODELS.contains(radio.textValue())) {
            return new AppCall.Failure();
        }
        List<HistoryPair> history = parseHistory(data.get(1));
        if (history == null) {
            return new AppCall.Failure();
        }
        JsonNode systemNode = data.get(2);
        String system = systemNode.isNull() ? null : systemNode.asText();
        ChatRequest request = new ChatRequest(prompt, history, system, radio.textValue());
        return new AppCall.Streaming(request, reply -> {
            ArrayNode chatbot = NODES.arrayNode();
            for (HistoryPair pair : history) {
                chatbot.addArray().add(message(pair.user())).add(message(pair.bot()));
            }
            chatbot.addArray().add(message(prompt)).add(message(reply));
            return List.of(NODES.textNode(""), chatbot, systemNode.deepCopy());
        });
    }

    /** mgr pre-processing: pairs whose sides are strings, dicts with {@code text}, or null. */
    private static List<HistoryPair> parseHistory(JsonNode history) {
        List<HistoryPair> pairs = new ArrayList<>();
        if (history == null || history.isNull()) {
            return pairs;
        }
        if (!history.isArray()) {
            return null;
        }
        for (JsonNode pair : history) {
            if (!pair.isArray() || pair.size() != 2) {
                return null;
            }
            String user = sideText(pair.get(0));
            String bot = sideText(pair.get(1));
            if (user == null || bot == null) {
                return null;
            }
            pairs.add(new HistoryPair(user, bot));
        }
        return pairs;
    }

    private static String sideText(JsonNode side) {
        if (side.isObject()) {
            JsonNode text = side.get("text");
            return text == null || text.isNull() ? "" : text.asText();
        }
        return textOrEmpty(side);
    }

    /** A {@code MultimodalMessage} dumped with every field, its text run through cleandoc. */
    static ObjectNode message(String text) {
        ObjectNode node = NODES.objectNode();
        node.putNull("id");
        node.putNull("elem_id");
        node.putNull("elem_classes");
        node.putNull("name");
        node.put("text", Cleandoc.clean(text));
        node.putNull("flushing");
        node.put("avatar", "");
        node.putNull("files");
        return node;
    }

    /** {@code update_other_radios(value, other1, other2) -> (radio, other1, other2)}. */
    private static AppCall updateOtherRadios(JsonNode data) {
        if (data.size() < 3) {
            return new AppCall.Failure();
        }
        String value = data.get(0).isNull() ? "" : data.get(0).asText();
        if (!value.isEmpty()) {
            return new AppCall.Immediate(List.of(NODES.textNode(value), NODES.textNode(""), NODES.textNode("")));
        }
        String other1 = data.get(1).isNull() ? "" : data.get(1).asText();
        String other2 = data.get(2).isNull() ? "" : data.get(2).asText();
        String selected = other1.isEmpty() ? other2 : other1;
        return new AppCall.Immediate(List.of(NODES.textNode(selected), NODES.textNode(other1),
                NODES.textNode(other2)));
    }

    /** {@code modify_system_session(system) -> (system_state, system_input, chatbot)}. */
    private static AppCall modifySystem(JsonNode data) {
        if (data.size() < 1) {
            return new AppCall.Failure();
        }
        JsonNode system = data.get(0).isNull() || data.get(0).asText().isEmpty()
                ? NODES.textNode(DEFAULT_SYSTEM) : data.get(0);
        return new AppCall.Immediate(List.of(system, system, NODES.arrayNode()));
    }

    /** {@code chiose_radio(radio, system) -> (chatbot, system_state, system_input, textbox)}. */
    private static AppCall chooseRadio(JsonNode data) {
        if (data.size() < 2) {
            return new AppCall.Failure();
        }
        return new AppCall.Immediate(List.of(NODES.arrayNode(), data.get(1), data.get(1), NODES.textNode("")));
    }

    private static AppSpec buildSpec() {
        List<AppSpec.Component> c = new ArrayList<>();
        c.add(radio(RADIO1, "Qwen2.5", SIZES, "72B", true));
        c.add(radio(RADIO2, "Qwen2.5-Math", MATH, null, true));
        c.add(radio(RADIO3, "Qwen2.5-Coder", CODER, null, true));
        c.add(radio(RADIO, null, List.of(), "72B", false));
        c.add(textbox(SYSTEM_INPUT, "System", DEFAULT_SYSTEM, true));
        c.add(button(MODIFY_SYSTEM, "🛠️ Set system prompt and clear history"));
        c.add(textbox(SYSTEM_STATE, null, DEFAULT_SYSTEM, false));
        ObjectNode chatbotApi = object("type", "array", "items", object("type", "array", "maxItems", 2,
                "minItems", 2, "items", object("type", "object")));
        c.add(new AppSpec.Component(CHATBOT, "modelscopechatbot",
                object("value", List.of(), "label", "72b", "show_label", true, "visible", true,
                        "elem_id", null, "elem_classes", List.of(), "height", 600),
                false, chatbotApi, NODES.arrayNode(), "List[Tuple[str | Dict(text: str, files: List[str]) | None, str | Dict(text: str, files: List[str]) | None]]"));
        c.add(textbox(TEXTBOX, "Input", "", true));
        c.add(button(CLEAR_HISTORY, "🧹 Clear History"));
        c.add(button(SEND, "🚀 Send"));
        List<String> chatParams = List.of("query", "history", "system", "radio");
        List<AppSpec.Dependency> d = List.of(
                new AppSpec.Dependency(0, RADIO1, "change", List.of(RADIO1, RADIO2, RADIO3),
                        List.of(RADIO, RADIO2, RADIO3), "update_other_radios", false,
                        List.of("value", "other_radio1", "other_radio2")),
                new AppSpec.Dependency(1, RADIO2, "change", List.of(RADIO2, RADIO1, RADIO3),
                        List.of(RADIO, RADIO1, RADIO3), "update_other_radios_1", false,
                        List.of("value", "other_radio1", "other_radio2")),
                new AppSpec.Dependency(2, RADIO3, "change", List.of(RADIO3, RADIO1, RADIO2),
                        List.of(RADIO, RADIO1, RADIO2), "update_other_radios_2", false,
                        List.of("value", "other_radio1", "other_radio2")),
                new AppSpec.Dependency(3, TEXTBOX, "submit", List.of(TEXTBOX, CHATBOT, SYSTEM_STATE, RADIO),
                        List.of(TEXTBOX, CHATBOT, SYSTEM_INPUT), "model_chat", true, chatParams),
                new AppSpec.Dependency(4, SEND, "click", List.of(TEXTBOX, CHATBOT, SYSTEM_STATE, RADIO),
                        List.of(TEXTBOX, CHATBOT, SYSTEM_INPUT), "model_chat_1", true, chatParams),
                new AppSpec.Dependency(5, CLEAR_HISTORY, "click", List.of(), List.of(TEXTBOX, CHATBOT),
                        "clear_session", false, List.of()),
                new AppSpec.Dependency(6, MODIFY_SYSTEM, "click", List.of(SYSTEM_INPUT),
                        List.of(SYSTEM_STATE, SYSTEM_INPUT, CHATBOT), "modify_system_session", false,
                        List.of("system")),
                new AppSpec.Dependency(7, RADIO, "change", List.of(RADIO, SYSTEM_INPUT),
                        List.of(CHATBOT, SYSTEM_STATE, SYSTEM_INPUT, TEXTBOX), "chiose_radio", false,
                        List.of("radio", "system")));
        return new AppSpec("Gradio", c, d);
    }

    private static AppSpec.Component radio(int id, String label, List<String> choices, String value,
                                           boolean visible) {
        List<List<String>> pairs = choices.stream().map(x -> List.of(x, x)).toList();
        ObjectNode api = object("enum", choices, "title", "Radio", "type", "string");
        return new AppSpec.Component(id, "radio", object("choices", pairs, "value", value, "label", label,
                "show_label", true, "visible", visible, "elem_id", null, "elem_classes", List.of()),
                false, api, NODES.textNode(choices.isEmpty() ? "" : choices.get(0)),
                "Literal[" + String.join(", ", choices.stream().map(x -> "'" + x + "'").toList()) + "]");
    }

    private static AppSpec.Component textbox(int id, String label, String value, boolean visible) {
        return new AppSpec.Component(id, "textbox", object("value", value, "lines", 1, "max_lines", 20,
                "label", label, "show_label", true, "visible", visible, "elem_id", null, "elem_classes",
                List.of(), "type", "text"), false, object("type", "string"), NODES.textNode("Hello!!"), "str");
    }

    private static AppSpec.Component button(int id, String value) {
        return new AppSpec.Component(id, "button", object("value", value, "variant", "secondary",
                "visible", true, "interactive", true, "elem_id", null, "elem_classes", List.of()),
                true, object("type", "string"), NODES.textNode(value), "str");
    }
}
