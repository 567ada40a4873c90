package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.g4j.gradio.testkit.AppSpec.NODES;
import static dev.g4j.gradio.testkit.AppSpec.object;

/**
 * The Qwen3 demo Space shape, from what gpt4free's {@code Qwen_Qwen_3} sends and reads (the Space's source
 * is not public, so component types are assumptions): a Gradio 5 app whose dependency 13 (submit of the
 * sender 31) takes {@code [prompt, {"thinking_budget", "model", "sys_prompt"}, null, null]} and has six
 * outputs; output 5 is a {@code modelscope_studio} chatbot update {@code {"__type__":"update","value":[…]}}
 * whose last message is the assistant's, with content parts {@code {"type":"tool","content":<thinking>,
 * "options":{"title":…,"status":"pending"|"done"}}} and {@code {"type":"text","content":<answer>}}. So
 * streamed edits reach the parts at paths {@code ["value", k, "content", j, "content"|"options", …]}.
 */
final class Qwen3App extends SimulatedApp {

    static final List<String> MODELS = List.of("qwen3-235b-a22b", "qwen3-32b", "qwen3-30b-a3b", "qwen3-14b",
            "qwen3-8b", "qwen3-4b", "qwen3-1.7b", "qwen3-0.6b");
    static final String DEFAULT_SYSTEM = "You are a helpful and harmless assistant.";
    static final String THINKING_TITLE = "Thinking...";
    static final int FN_INDEX = 13;
    static final int SETTINGS = 30;
    static final int SENDER = 31;
    static final int CONVERSATIONS_STATE = 32;
    static final int CONTEXTS_STATE = 33;
    static final int CONVERSATIONS = 40;
    static final int ADD_BUTTON = 41;
    static final int CHATBOT = 42;

    private static final AppSpec SPEC = buildSpec();

    @Override
    public int chatFnIndex() {
        return FN_INDEX;
    }

    @Override
    public int chatTriggerId() {
        return SENDER;
    }

    @Override
    public AppSpec spec() {
        return SPEC;
    }

    @Override
    public GradioMode defaultMode() {
        return GradioMode.GRADIO_5;
    }

    @Override
    public AppCall call(int fnIndex, JsonNode data, SessionState state) {
        if (fnIndex != FN_INDEX) {
            return spec().hasDependency(fnIndex) ? new AppCall.Immediate(List.of()) : new AppCall.Failure();
        }
        if (data.size() < 4 || !data.get(1).isObject()) {
            return new AppCall.Failure();
        }
        String prompt = textOrEmpty(data.get(0));
        JsonNode settings = data.get(1);
        String model = settings.path("model").asText("");
        String system = textOrEmpty(settings.get("sys_prompt"));
        JsonNode budget = settings.get("thinking_budget");
        if (prompt == null || system == null || !MODELS.contains(model) || budget == null || !budget.isInt()) {
            return new AppCall.Failure();
        }
        String thinking = "Thinking about: " + prompt.strip();
        ChatRequest request = new ChatRequest(prompt, List.of(), system, model);
        int[] yields = {0};
        return new AppCall.Streaming(request, reply -> {
            boolean first = yields[0]++ == 0;
            ArrayNode messages = NODES.arrayNode();
            messages.addObject().put("role", "user").put("content", prompt);
            ObjectNode bot = messages.addObject();
            bot.put("role", "assistant");
            bot.put("header", model);
            bot.put("loading", false);
            ArrayNode parts = bot.putArray("content");
            parts.addObject().put("type", "tool").put("content", thinking)
                    .set("options", object("title", THINKING_TITLE, "status", first ? "pending" : "done"));
            parts.addObject().put("type", "text").put("content", reply);
            bot.put("status", "pending");
            ObjectNode chatbot = object("__type__", "update", "value", messages);
            return Arrays.asList(object("__type__", "update", "value", "", "loading", true), NODES.nullNode(),
                    NODES.nullNode(), NODES.nullNode(), object("__type__", "update", "disabled", true), chatbot);
        });
    }

    private static AppSpec buildSpec() {
        List<AppSpec.Component> c = new ArrayList<>();
        c.add(new AppSpec.Component(SETTINGS, "form", object("value", object("model", MODELS.get(0),
                "sys_prompt", DEFAULT_SYSTEM, "thinking_budget", 38), "visible", true, "elem_id", null,
                "elem_classes", List.of()), false, object("type", "object"), null, "dict"));
        c.add(new AppSpec.Component(SENDER, "antdx.sender", object("value", "", "placeholder",
                "Ask me anything...", "visible", true, "elem_id", null, "elem_classes", List.of()), false,
                object("type", "string"), NODES.textNode(""), "str"));
        c.add(new AppSpec.Component(CONVERSATIONS_STATE, "state", object("value", object(), "time_to_live", null),
                true, null, null, ""));
        c.add(new AppSpec.Component(CONTEXTS_STATE, "state", object("value", object(), "time_to_live", null),
                true, null, null, ""));
        c.add(new AppSpec.Component(CONVERSATIONS, "antdx.conversations", object("items", List.of(),
                "visible", true, "elem_id", null, "elem_classes", List.of()), false, object("type", "object"),
                null, "dict"));
        c.add(new AppSpec.Component(ADD_BUTTON, "antd.button", object("value", "New Conversation",
                "visible", true, "elem_id", null, "elem_classes", List.of()), true, null, null, "str"));
        c.add(new AppSpec.Component(CHATBOT, "pro.chatbot", object("value", List.of(), "height", 600,
                "visible", true, "elem_id", null, "elem_classes", List.of()), false,
                object("type", "array", "items", object("type", "object")), NODES.arrayNode(), "list[dict]"));
        List<AppSpec.Dependency> d = new ArrayList<>();
        for (int id = 0; id < FN_INDEX; id++) {
            d.add(new AppSpec.Dependency(id, id % 2 == 0 ? ADD_BUTTON : CONVERSATIONS, id % 2 == 0 ? "click" : "active_change",
                    List.of(), List.of(), id == 0 ? "lambda" : "lambda_" + id, false, List.of(), false, true, false,
                    AppSpec.Visibility.UNDOCUMENTED, null));
        }
        d.add(new AppSpec.Dependency(FN_INDEX, SENDER, "submit",
                List.of(SENDER, SETTINGS, CONVERSATIONS_STATE, CONTEXTS_STATE),
                List.of(SENDER, CONVERSATIONS, CONVERSATIONS_STATE, CONTEXTS_STATE, ADD_BUTTON, CHATBOT),
                "submit", true, List.of("sender_value", "settings_form_value", "state_value", "contexts_value")));
        return new AppSpec("Qwen3 Demo", c, d);
    }
}
