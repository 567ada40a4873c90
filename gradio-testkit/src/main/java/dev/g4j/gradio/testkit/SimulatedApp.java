package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Gradio app a simulator serves: its {@code /config}, its {@code /info} and what its functions do
 * with the inputs of a joined event.
 */
public abstract sealed class SimulatedApp permits QwenChatApp, TupleChatbotApp {

    SimulatedApp() {
    }

    /**
     * The Qwen 2.5 Space: an {@code mgr.Chatbot} chat whose {@code model_chat} function is dependency 3
     * (textbox submit, trigger 25) and 4 (Send button, trigger 27), with inputs
     * {@code [prompt, history, system, radio]} and outputs {@code [textbox, chatbot, system_input]}.
     */
    public static SimulatedApp qwen25() {
        return new QwenChatApp();
    }

    /**
     * A plain {@code gr.Chatbot} app in the tuples format: dependency 0 ({@code /respond}) takes
     * {@code [message, history]} and yields {@code ["", [[user, bot], …]]}.
     */
    public static SimulatedApp tupleChatbot() {
        return new TupleChatbotApp();
    }

    /** The {@code fn_index} of the app's main chat function. */
    public abstract int chatFnIndex();

    /** The id of the component whose event triggers the main chat function. */
    public abstract int chatTriggerId();

    abstract AppSpec spec();

    ObjectNode config(GradioMode mode, String root) {
        return spec().config(mode, root);
    }

    ObjectNode info() {
        return spec().info();
    }

    boolean hasFunction(int fnIndex) {
        return spec().hasDependency(fnIndex);
    }

    /** Runs the app's pre-processing for one event; never throws. */
    abstract AppCall call(int fnIndex, JsonNode data);

    /** The text of a value, or null when it is neither a string nor null. */
    static String textOrEmpty(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isTextual() ? node.textValue() : null;
    }
}
