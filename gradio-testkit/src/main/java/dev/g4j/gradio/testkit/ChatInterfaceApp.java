package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static dev.g4j.gradio.testkit.AppSpec.NODES;
import static dev.g4j.gradio.testkit.AppSpec.object;

/**
 * A root {@code gr.ChatInterface(fn, additional_inputs=[Textbox("You are helpful.", label="System message"),
 * Slider(0, 2, 0.7, label="Temperature")])}; see the chat-apps reference §2 and §7. The public {@code /chat}
 * dependency reads the history from the session's State and writes the new history back. The hidden UI-chain
 * dependencies are listed for discovery code to meet as decoys; joined, they return null outputs.
 */
final class ChatInterfaceApp extends SimulatedApp {

    static final int CHATBOT = 5;
    static final int TEXTBOX = 8;
    static final int SUBMIT = 9;
    static final int STOP = 10;
    static final int FAKE_API = 11;
    static final int RESPONSE = 12;
    static final int SYSTEM = 13;
    static final int SAVED_INPUT = 14;
    static final int CHAT_STATE = 15;
    static final int TEMPERATURE = 16;
    static final String DEFAULT_SYSTEM = "You are helpful.";

    private final int version;
    private final boolean five;
    private final boolean thinking;
    private final AppSpec spec;
    private final int chatFn;

    private ChatInterfaceApp(int version, boolean thinking) {
        this.version = version;
        this.five = version >= 5;
        this.thinking = thinking;
        List<AppSpec.Dependency> deps = five ? dependencies5(version >= 6 ? "respond" : "chat") : dependencies4();
        this.chatFn = deps.size() - 1;
        this.spec = new AppSpec("Gradio", "chat_interface", components(version), deps);
    }

    static ChatInterfaceApp gradio4() {
        return new ChatInterfaceApp(4, false);
    }

    static ChatInterfaceApp gradio5(boolean thinking) {
        return new ChatInterfaceApp(5, thinking);
    }

    /** Gradio 6: messages only, typed content, the endpoint named after the function ({@code respond}). */
    static ChatInterfaceApp gradio6() {
        return new ChatInterfaceApp(6, false);
    }

    @Override
    public int chatFnIndex() {
        return chatFn;
    }

    @Override
    public int chatTriggerId() {
        return FAKE_API;
    }

    @Override
    public AppSpec spec() {
        return spec;
    }

    @Override
    public GradioMode defaultMode() {
        return version >= 6 ? GradioMode.GRADIO_6 : five ? GradioMode.GRADIO_5 : GradioMode.GRADIO_4;
    }

    @Override
    public AppCall call(int fnIndex, JsonNode data, SessionState state) {
        if (!spec.hasDependency(fnIndex) || data.size() < spec.dependencies().get(fnIndex).inputs().size()) {
            return new AppCall.Failure();
        }
        if (fnIndex == chatFn) {
            return chat(data, state);
        }
        if (fnIndex == 0) {
            state.put(SAVED_INPUT, data.get(0));
        }
        int outputs = spec.dependencies().get(fnIndex).outputs().size();
        return new AppCall.Immediate(Collections.nCopies(outputs, NODES.nullNode()));
    }

    private AppCall chat(JsonNode data, SessionState state) {
        String message = textOrEmpty(data.get(0));
        String system = textOrEmpty(data.get(2));
        if (message == null || system == null || !(data.get(3).isNumber() || data.get(3).isNull())) {
            return new AppCall.Failure();
        }
        JsonNode stored = state.get(CHAT_STATE);
        List<HistoryPair> history = five ? fromMessages(stored) : fromTuples(stored);
        ChatRequest request = new ChatRequest(message, history, system, null);
        return new AppCall.Streaming(request, reply -> {
            state.put(CHAT_STATE, five ? toMessages(history, message, reply, version >= 6)
                    : toTuples(history, message, reply));
            JsonNode response = NODES.textNode(reply);
            if (thinking) {
                ArrayNode parts = NODES.arrayNode();
                parts.addObject().put("content", "Considering: " + message.strip()).put("role", "assistant")
                        .<ObjectNode>set("metadata", object("title", "Thinking", "status", "done"))
                        .putArray("options");
                parts.add(reply);
                response = parts;
            }
            return Arrays.asList(response, NODES.nullNode());
        });
    }

    private static List<HistoryPair> fromTuples(JsonNode stored) {
        List<HistoryPair> pairs = new ArrayList<>();
        if (stored != null) {
            for (JsonNode pair : stored) {
                pairs.add(new HistoryPair(pair.get(0).asText(""), pair.get(1).asText("")));
            }
        }
        return pairs;
    }

    private static List<HistoryPair> fromMessages(JsonNode stored) {
        List<HistoryPair> pairs = new ArrayList<>();
        String user = null;
        if (stored != null) {
            for (JsonNode m : stored) {
                if ("user".equals(m.path("role").asText())) {
                    user = text(m.path("content"));
                } else if (user != null) {
                    pairs.add(new HistoryPair(user, text(m.path("content"))));
                    user = null;
                }
            }
        }
        return pairs;
    }

    /** String content, or the text of typed parts (Gradio 6). */
    private static String text(JsonNode content) {
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asText("")));
            return text.toString();
        }
        return content.asText("");
    }

    private static ArrayNode toTuples(List<HistoryPair> history, String message, String reply) {
        ArrayNode pairs = NODES.arrayNode();
        history.forEach(p -> pairs.addArray().add(p.user()).add(p.bot()));
        pairs.addArray().add(message).add(reply);
        return pairs;
    }

    private static ArrayNode toMessages(List<HistoryPair> history, String message, String reply, boolean typed) {
        ArrayNode messages = NODES.arrayNode();
        history.forEach(p -> {
            messages.add(chatMessage("user", p.user(), typed));
            messages.add(chatMessage("assistant", p.bot(), typed));
        });
        messages.add(chatMessage("user", message, typed));
        messages.add(chatMessage("assistant", reply, typed));
        return messages;
    }

    /**
     * A message as the Chatbot serialises it: role, metadata, cleandoc'ed content, options; Gradio 6 content is a
     * list of typed parts.
     */
    static ObjectNode chatMessage(String role, String content, boolean typed) {
        ObjectNode m = NODES.objectNode();
        m.put("role", role);
        m.putNull("metadata");
        if (typed) {
            m.putArray("content").addObject().put("text", Cleandoc.clean(content)).put("type", "text");
        } else {
            m.put("content", Cleandoc.clean(content));
        }
        m.putNull("options");
        return m;
    }

    private static List<AppSpec.Component> components(int version) {
        boolean five = version >= 5;
        List<AppSpec.Component> c = new ArrayList<>();
        ObjectNode chatbotProps = object("value", List.of(), "label", "Chatbot", "show_label", false, "visible", true,
                "elem_id", null, "elem_classes", List.of(), "height", 400, "scale", 1);
        if (version < 6) {
            chatbotProps.put("type", five ? "messages" : "tuples");
        }
        ObjectNode chatbotApi = five
                ? object("type", "array", "items", object("type", "object", "properties",
                        object("role", object("type", "string"), "content", object("type", "string"))))
                : object("type", "array", "items", object("type", "array", "maxItems", 2, "minItems", 2));
        c.add(new AppSpec.Component(CHATBOT, "chatbot", chatbotProps, false, chatbotApi, NODES.arrayNode(),
                five ? "List[Dict(role: str, content: str)]" : "List[List[str | None]]"));
        c.add(new AppSpec.Component(TEXTBOX, "textbox", object("lines", 1, "max_lines", 20,
                "placeholder", "Type a message...", "label", five ? "" : "Message", "show_label", false,
                "visible", true, "elem_id", null, "elem_classes", List.of(), "type", "text", "autofocus", true,
                "scale", 7), false, object("type", "string"), NODES.textNode("Hello!!"), "str"));
        c.add(button(SUBMIT, "Submit", true));
        c.add(button(STOP, "Stop", false));
        c.add(button(FAKE_API, "Fake API", false));
        if (five) {
            c.add(new AppSpec.Component(RESPONSE, "json", object("label", "Response", "show_label", true,
                    "visible", false, "elem_id", null, "elem_classes", List.of()), false,
                    object("type", "object"), null, "str | float | bool | list | dict"));
        } else {
            c.add(new AppSpec.Component(RESPONSE, "textbox", object("lines", 1, "max_lines", 20,
                    "label", "Response", "show_label", true, "visible", false, "elem_id", null,
                    "elem_classes", List.of(), "type", "text"), false, object("type", "string"),
                    NODES.textNode("Hello!!"), "str"));
        }
        c.add(new AppSpec.Component(SYSTEM, "textbox", object("value", DEFAULT_SYSTEM, "lines", 1,
                "max_lines", 20, "label", "System message", "show_label", true, "visible", true, "elem_id", null,
                "elem_classes", List.of(), "type", "text"), false, object("type", "string"),
                NODES.textNode("Hello!!"), "str"));
        c.add(state(SAVED_INPUT, ""));
        c.add(state(CHAT_STATE, List.of()));
        c.add(new AppSpec.Component(TEMPERATURE, "slider", object("minimum", 0, "maximum", 2, "step", 0.1,
                "value", 0.7, "label", "Temperature", "show_label", true, "visible", true, "elem_id", null,
                "elem_classes", List.of()), false, object("type", "number", "description",
                "numeric value between 0 and 2"), NODES.numberNode(0), "float"));
        return c;
    }

    private static AppSpec.Component button(int id, String value, boolean visible) {
        return new AppSpec.Component(id, "button", object("value", value, "variant", "secondary",
                "visible", visible, "interactive", true, "elem_id", null, "elem_classes", List.of()),
                true, object("type", "string"), NODES.textNode(value), "str");
    }

    private static AppSpec.Component state(int id, Object value) {
        return new AppSpec.Component(id, "state", object("value", value, "time_to_live", null,
                "delete_callback", "<function State.__init__.<locals>.<lambda> at 0x7f00>"), true, null, null, "");
    }

    private static AppSpec.Dependency hidden(int id, Integer trigger, String event, List<Integer> in, List<Integer> out,
                                             String name, boolean queue, boolean generator, Integer after) {
        List<String> params = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            params.add("param_" + i);
        }
        return new AppSpec.Dependency(id, trigger, event, in, out, name, generator, params, queue, true, false,
                AppSpec.Visibility.UNDOCUMENTED, after);
    }

    private static AppSpec.Dependency stop(int id) {
        return new AppSpec.Dependency(id, STOP, "click", List.of(), List.of(), "unnamed", false, List.of(), false,
                false, true, AppSpec.Visibility.UNDOCUMENTED, null);
    }

    private static AppSpec.Dependency chat(int id, String apiName) {
        return new AppSpec.Dependency(id, FAKE_API, "click", List.of(TEXTBOX, CHAT_STATE, SYSTEM, TEMPERATURE),
                List.of(RESPONSE, CHAT_STATE), apiName, true, List.of("message", "history", "param_2", "param_3"));
    }

    private static List<AppSpec.Dependency> dependencies4() {
        return List.of(
                hidden(0, TEXTBOX, "submit", List.of(TEXTBOX), List.of(TEXTBOX, SAVED_INPUT),
                        "_clear_and_save_textbox", false, false, null),
                hidden(1, null, "then", List.of(SAVED_INPUT, CHATBOT), List.of(CHATBOT, CHAT_STATE),
                        "_display_input", false, false, 0),
                hidden(2, null, "then", List.of(SAVED_INPUT, CHATBOT, SYSTEM, TEMPERATURE), List.of(CHATBOT, CHAT_STATE),
                        "_stream_fn", true, true, 1),
                stop(3),
                chat(4, "chat"));
    }

    private static List<AppSpec.Dependency> dependencies5(String chatApiName) {
        return List.of(
                hidden(0, TEXTBOX, "submit", List.of(TEXTBOX), List.of(TEXTBOX, SAVED_INPUT),
                        "_clear_and_save_textbox", false, false, null),
                hidden(1, null, "then", List.of(SAVED_INPUT, CHATBOT), List.of(CHATBOT),
                        "_append_message_to_history", false, false, 0),
                hidden(2, null, "then", List.of(SAVED_INPUT, CHAT_STATE, SYSTEM, TEMPERATURE),
                        List.of(SAVED_INPUT, CHATBOT), "_submit_fn", true, true, 1),
                hidden(3, null, "then", List.of(CHATBOT), List.of(CHAT_STATE), "lambda", false, false, 2),
                stop(4),
                hidden(5, CHATBOT, "clear", List.of(), List.of(CHAT_STATE, SAVED_INPUT), "lambda_1", false, false,
                        null),
                chat(6, chatApiName));
    }
}
