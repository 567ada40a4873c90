package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Gradio app a simulator serves: its {@code /config}, its {@code /info} and what its functions do
 * with the inputs of a joined event.
 *
 * <p>To simulate an app of your own, extend this class: describe the components and dependencies in an
 * {@link AppSpec}, and answer each {@link #call} with an {@link AppCall}: {@link AppCall.Streaming} for
 * a chat function (the simulator then streams the tokens of its {@link ReplyFunction} and applies the
 * {@link Fault}s of the event), {@link AppCall.Immediate} for a plain function, {@link AppCall.Failure}
 * for a function that raises. The simulator calls an app on one event loop thread only.
 */
public abstract class SimulatedApp {

    /** For subclasses. */
    protected SimulatedApp() {
    }

    /**
     * The Qwen 2.5 Space: an {@code mgr.Chatbot} chat whose {@code model_chat} function is dependency 3
     * (textbox submit, trigger 25) and 4 (Send button, trigger 27), with inputs
     * {@code [prompt, history, system, radio]} and outputs {@code [textbox, chatbot, system_input]}.
     *
     * @return a new app
     */
    public static SimulatedApp qwen25() {
        return new QwenChatApp();
    }

    /**
     * A plain {@code gr.Chatbot} app in the tuples format: dependency 0 ({@code /respond}) takes
     * {@code [message, history]} and yields {@code ["", [[user, bot], …]]}.
     *
     * @return a new app
     */
    public static SimulatedApp tupleChatbot() {
        return new TupleChatbotApp();
    }

    /**
     * A {@code gr.ChatInterface} as Gradio 4.44.1 serves it ({@code type="tuples"}, two additional
     * inputs: a "System message" textbox and a "Temperature" slider): {@code "mode":"chat_interface"},
     * the public {@code /chat} dependency on a hidden button with inputs {@code [textbox, state, system,
     * temperature]} and outputs {@code [hidden "Response" textbox, state]}, plus the hidden UI-chain
     * dependencies. History lives in the session's State, as on a real server.
     *
     * @return a new app; serve it with {@link GradioMode#GRADIO_4}
     */
    public static SimulatedApp chatInterface4() {
        return ChatInterfaceApp.gradio4();
    }

    /**
     * A {@code gr.ChatInterface(type="messages")} as Gradio 5.x serves it (same two additional inputs as
     * {@link #chatInterface4()}): {@code /chat} is dependency 6, its output 0 a hidden JSON component
     * carrying the function's raw yield, the session's State holds messages.
     *
     * @return a new app; serve it with {@link GradioMode#GRADIO_5} (its default)
     */
    public static SimulatedApp chatInterface5() {
        return ChatInterfaceApp.gradio5(false);
    }

    /**
     * Like {@link #chatInterface5()}, but the function yields a thinking {@code gr.ChatMessage}
     * ({@code metadata.title "Thinking"}) before the answer string, so output 0 is
     * {@code [{"content":…,"role":"assistant","metadata":{"title":"Thinking","status":…},"options":[]}, "answer"]}.
     *
     * @return a new app; serve it with {@link GradioMode#GRADIO_5} (its default)
     */
    public static SimulatedApp chatInterface5Thinking() {
        return ChatInterfaceApp.gradio5(true);
    }

    /**
     * A {@code gr.ChatInterface} as Gradio 6 serves it (messages only, same two additional inputs as
     * {@link #chatInterface4()}): dependency 6 is named after the function ({@code respond}), visibility is
     * {@code api_visibility}, the chatbot has no {@code type} prop and the session's State holds messages whose
     * content is a list of typed parts.
     *
     * @return a new app; serve it with {@link GradioMode#GRADIO_6} (its default)
     */
    public static SimulatedApp chatInterface6() {
        return ChatInterfaceApp.gradio6();
    }

    /**
     * The Qwen2-72B-Instruct Space shape: dependency 0 ({@code model_chat}, textbox submit, trigger 11)
     * takes {@code [prompt, chatbot, system]} and yields {@code ["", [[user, bot], …], system]}, a plain
     * {@code gr.Chatbot} in the tuples format as output 1.
     *
     * @return a new app; serve it with {@link GradioMode#GRADIO_4}
     */
    public static SimulatedApp qwen2_72b() {
        return new Qwen2App();
    }

    /**
     * The Qwen3 demo Space shape: dependency 13 (trigger 31) takes {@code [prompt, {"thinking_budget",
     * "model", "sys_prompt"}, null, null]}; output 5 is a chatbot update whose assistant message holds a
     * {@code tool} part (the thinking, status {@code pending} then {@code done}) and a {@code text} part
     * (the answer).
     *
     * @return a new app; serve it with {@link GradioMode#GRADIO_5} (its default)
     */
    public static SimulatedApp qwen3Demo() {
        return new Qwen3App();
    }

    /**
     * The {@code fn_index} of the app's main chat function.
     *
     * @return the dependency id
     */
    public abstract int chatFnIndex();

    /**
     * The id of the component whose event triggers the main chat function.
     *
     * @return a component id
     */
    public abstract int chatTriggerId();

    /**
     * The app's components and dependencies.
     *
     * @return the static description, the same on every call
     */
    public abstract AppSpec spec();

    /**
     * The Gradio version the app is modelled on; a simulator whose builder sets no mode uses it.
     *
     * @return {@link GradioMode#GRADIO_4} unless overridden
     */
    public GradioMode defaultMode() {
        return GradioMode.GRADIO_4;
    }

    /**
     * The {@code /config} document.
     *
     * @param mode the simulated Gradio version
     * @param root the app's root URL
     * @return a fresh document
     */
    public ObjectNode config(GradioMode mode, String root) {
        return spec().config(mode, root);
    }

    /**
     * The {@code /info} document.
     *
     * @return a fresh document
     */
    public ObjectNode info() {
        return spec().info();
    }

    /**
     * Whether the app has a dependency with this {@code fn_index}.
     *
     * @param fnIndex a dependency id
     * @return whether it exists
     */
    public boolean hasFunction(int fnIndex) {
        return spec().hasDependency(fnIndex);
    }

    /**
     * Runs the app's pre-processing for one event. Must not throw: return {@link AppCall.Failure} for
     * inputs the function would reject.
     *
     * @param fnIndex the joined dependency
     * @param data    the join's {@code data} array, as sent
     * @param state   the session's State values, to read State inputs from and write State outputs to
     * @return what the function does
     */
    public abstract AppCall call(int fnIndex, JsonNode data, SessionState state);

    /**
     * The text of a value.
     *
     * @param node a JSON value, possibly null
     * @return {@code ""} for null or JSON null, the text of a string, otherwise null
     */
    protected static String textOrEmpty(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isTextual() ? node.textValue() : null;
    }
}
