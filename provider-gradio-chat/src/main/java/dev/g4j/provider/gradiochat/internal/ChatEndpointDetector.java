package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.InputSlot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the chat function of a Gradio app from its raw {@code /config} (Gradio 4, 5 and 6), so that any chat
 * app can be used without a hand-written spec. Two shapes count as chat:
 *
 * <ul>
 *   <li><b>{@code gr.ChatInterface}'s public endpoint</b>: inputs {@code [textbox|multimodaltextbox, state,
 *       …additional]}, outputs {@code [textbox|json, that same state, …]}. The reply is output 0 itself
 *       ({@link ChatFormat#RESPONSE}) and history lives in the server-side State.</li>
 *   <li><b>A Blocks textbox + chatbot function</b> (like the Qwen Spaces): a textbox input (the prompt) and a
 *       chatbot output; when the chatbot is also an input, it takes the history.</li>
 * </ul>
 *
 * <p>Among the candidates the detector prefers the ChatInterface shape, public endpoints, {@code api_name}
 * {@code "chat"}, a textbox {@code submit} trigger, and generators; ties go to the lowest {@code fn_index}.
 * Endpoints without a Python function, cancel steps and endpoints without outputs never count; private ones
 * ({@code api_name:false}, {@code api_visibility:"private"}) only when nothing else does. Other inputs get their
 * component's initial {@code value}: a textbox labelled "system" (or a hidden one) becomes the system prompt
 * slot, a State gets {@code null}.
 */
public final class ChatEndpointDetector {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_LISTED = 20;

    private ChatEndpointDetector() {
    }

    /**
     * Detects the chat endpoint.
     *
     * @param config the app's {@code /config} document
     * @return the endpoint found, or the endpoints the app has instead
     */
    public static EndpointDetection detect(JsonNode config) {
        Map<Integer, JsonNode> components = new HashMap<>();
        for (JsonNode c : config.path("components")) {
            if (c.path("id").canConvertToInt()) {
                components.put(c.get("id").asInt(), c);
            }
        }
        String version = config.path("version").isTextual() ? config.get("version").textValue() : "";
        boolean six = majorVersion(version) >= 6;
        boolean chatInterfaceMode = "chat_interface".equals(config.path("mode").asText());
        String prefix = config.path("api_prefix").isTextual() ? config.get("api_prefix").textValue() : "";
        DetectedChat best = null;
        int bestScore = Integer.MIN_VALUE;
        List<String> endpoints = new ArrayList<>();
        JsonNode deps = config.path("dependencies");
        for (int i = 0; i < deps.size(); i++) {
            Dependency d = Dependency.of(deps.get(i), i, components);
            if (!d.backendFn) {
                continue;
            }
            endpoints.add((d.apiName == null ? "" : "/" + d.apiName + " ") + "(fn_index " + d.id + ")");
            if (d.cancel || d.outputs.isEmpty()) {
                continue;
            }
            Candidate candidate = chatInterface(d, version, prefix, chatInterfaceMode);
            if (candidate == null) {
                candidate = chatbotFunction(d, version, prefix, six);
            }
            if (candidate == null) {
                continue;
            }
            int score = candidate.score + (d.isPublic ? 15 : 0) + (d.isPrivate ? -200 : 0)
                    + ("chat".equals(d.apiName) ? 20 : 0) + (d.generator ? 3 : 0);
            if (score > bestScore) {
                best = candidate.chat;
                bestScore = score;
            }
        }
        if (best != null) {
            return new EndpointDetection.Found(best);
        }
        if (endpoints.size() > MAX_LISTED) {
            int more = endpoints.size() - MAX_LISTED;
            endpoints = new ArrayList<>(endpoints.subList(0, MAX_LISTED));
            endpoints.add("… " + more + " more");
        }
        return new EndpointDetection.NotFound(endpoints);
    }

    private record Candidate(DetectedChat chat, int score) {
    }

    private static Candidate chatInterface(Dependency d, String version, String prefix, boolean chatInterfaceMode) {
        if (d.inputs.size() < 2 || d.outputs.size() < 2 || !isTextInput(d.inputType(0))
                || !"state".equals(d.inputType(1)) || !d.outputs.get(1).equals(d.inputs.get(1))
                || !("textbox".equals(d.outputType(0)) || "json".equals(d.outputType(0)))) {
            return null;
        }
        List<InputSlot> slots = new ArrayList<>();
        slots.add(promptSlot(d.inputType(0)));
        slots.add(InputSlot.nullValue());
        boolean[] system = {false};
        for (int k = 2; k < d.inputs.size(); k++) {
            slots.add(otherSlot(d.input(k), system));
        }
        DetectedChat chat = new DetectedChat(d.id, d.apiName, d.triggerId, prefix, version, slots,
                ChatFormat.RESPONSE, 0, true);
        return new Candidate(chat, 100 + (chatInterfaceMode ? 10 : 0));
    }

    private static Candidate chatbotFunction(Dependency d, String version, String prefix, boolean six) {
        int chatbotOutput = -1;
        for (int j = 0; j < d.outputs.size(); j++) {
            if (isChatbot(d.outputType(j))) {
                chatbotOutput = j;
                break;
            }
        }
        if (chatbotOutput < 0) {
            return null;
        }
        int prompt = -1;
        for (int k = 0; k < d.inputs.size(); k++) {
            if (isTextInput(d.inputType(k)) && (d.inputs.get(k).equals(d.triggerId) || prompt < 0 && !isSystem(d.input(k)))) {
                prompt = k;
            }
        }
        if (prompt < 0) {
            return null;
        }
        Integer chatbotId = d.outputs.get(chatbotOutput);
        List<InputSlot> slots = new ArrayList<>();
        boolean[] system = {false};
        boolean history = false;
        for (int k = 0; k < d.inputs.size(); k++) {
            if (k == prompt) {
                slots.add(promptSlot(d.inputType(k)));
            } else if (d.inputs.get(k).equals(chatbotId) && !history) {
                slots.add(InputSlot.history());
                history = true;
            } else {
                slots.add(otherSlot(d.input(k), system));
            }
        }
        JsonNode chatbot = d.output(chatbotOutput);
        DetectedChat chat = new DetectedChat(d.id, d.apiName, d.triggerId, prefix, version, slots,
                format(chatbot, six), chatbotOutput, false);
        boolean submit = d.inputs.get(prompt).equals(d.triggerId) && "submit".equals(d.event);
        return new Candidate(chat, 80 + (submit ? 10 : 0) + (history ? 5 : 0));
    }

    private static ChatFormat format(JsonNode chatbot, boolean six) {
        String type = chatbot.path("type").asText();
        if (!"chatbot".equals(type)) {
            return ChatFormat.MGR;
        }
        String shape = chatbot.path("props").path("type").asText("");
        if ("messages".equals(shape) || six) {
            return six ? ChatFormat.TYPED_MESSAGES : ChatFormat.MESSAGES;
        }
        return ChatFormat.TUPLES;
    }

    private static InputSlot promptSlot(String type) {
        if ("multimodaltextbox".equals(type)) {
            Map<String, InputSlot> fields = new LinkedHashMap<>();
            fields.put("text", InputSlot.prompt());
            fields.put("files", InputSlot.constant(NODES.arrayNode()));
            return InputSlot.dict(fields);
        }
        return InputSlot.prompt();
    }

    /**
     * A State gets null; the first textbox labelled "system", or hidden (the Qwen Spaces keep the system prompt
     * in a hidden textbox), becomes the system prompt; anything else keeps its initial value.
     */
    private static InputSlot otherSlot(JsonNode component, boolean[] systemTaken) {
        String type = component.path("type").asText();
        if ("state".equals(type)) {
            return InputSlot.nullValue();
        }
        JsonNode value = component.path("props").get("value");
        boolean hidden = !component.path("props").path("visible").asBoolean(true);
        if ("textbox".equals(type) && !systemTaken[0] && (isSystem(component) || hidden)) {
            systemTaken[0] = true;
            return InputSlot.systemPrompt(value != null && value.isTextual() ? value.textValue() : "");
        }
        return InputSlot.constant(value == null ? NullNode.getInstance() : value.deepCopy());
    }

    private static boolean isSystem(JsonNode component) {
        JsonNode label = component.path("props").path("label");
        return "textbox".equals(component.path("type").asText()) && label.isTextual()
                && label.textValue().toLowerCase(Locale.ROOT).contains("system");
    }

    private static boolean isTextInput(String type) {
        return "textbox".equals(type) || "multimodaltextbox".equals(type);
    }

    private static boolean isChatbot(String type) {
        return type.toLowerCase(Locale.ROOT).contains("chatbot");
    }

    private static int majorVersion(String version) {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 || end > 4 ? 0 : Integer.parseInt(version.substring(0, end));
    }

    /** The fields of one {@code /config} dependency the detector looks at. */
    private static final class Dependency {
        int id;
        String apiName;
        Integer triggerId;
        String event;
        List<Integer> inputs = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        boolean backendFn;
        boolean cancel;
        boolean generator;
        boolean isPublic;
        boolean isPrivate;
        Map<Integer, JsonNode> components;

        static Dependency of(JsonNode node, int index, Map<Integer, JsonNode> components) {
            Dependency d = new Dependency();
            d.components = components;
            d.id = node.path("id").canConvertToInt() ? node.get("id").asInt() : index;
            JsonNode name = node.path("api_name");
            d.apiName = name.isTextual() && !name.textValue().isEmpty() && !"false".equals(name.textValue())
                    ? name.textValue() : null;
            JsonNode target = node.path("targets").path(0);
            d.triggerId = target.path(0).canConvertToInt() && target.path(0).isIntegralNumber()
                    ? target.path(0).asInt() : null;
            d.event = target.path(1).asText("");
            ids(node.path("inputs"), d.inputs);
            ids(node.path("outputs"), d.outputs);
            d.backendFn = node.path("backend_fn").asBoolean(true);
            d.cancel = node.path("types").path("cancel").asBoolean(false);
            d.generator = node.path("types").path("generator").asBoolean(false);
            JsonNode visibility = node.get("api_visibility");
            d.isPrivate = name.isBoolean() && !name.booleanValue()
                    || visibility != null && "private".equals(visibility.asText());
            d.isPublic = !d.isPrivate && (visibility != null ? "public".equals(visibility.asText())
                    : node.path("show_api").asBoolean(true));
            return d;
        }

        private static void ids(JsonNode array, List<Integer> into) {
            if (array instanceof ArrayNode) {
                array.forEach(n -> into.add(n.asInt()));
            }
        }

        JsonNode input(int k) {
            return components.getOrDefault(inputs.get(k), NullNode.getInstance());
        }

        JsonNode output(int j) {
            return components.getOrDefault(outputs.get(j), NullNode.getInstance());
        }

        String inputType(int k) {
            return input(k).path("type").asText("");
        }

        String outputType(int j) {
            return output(j).path("type").asText("");
        }
    }
}
