package dev.g4j.provider.gradiochat;

/**
 * The shape of a Gradio chatbot value: how history is sent to the app and how the reply is read from the
 * chatbot output.
 */
public enum ChatFormat {
    /**
     * {@code gr.Chatbot(type="tuples")} (Gradio 4's default, deprecated in 5, removed in 6): a list of
     * {@code [user, bot]} string pairs.
     */
    TUPLES,
    /**
     * {@code gr.Chatbot(type="messages")} of Gradio 4.44 and 5: a list of {@code {"role", "content",
     * "metadata"}} objects whose content is a string; a message with {@code metadata.title} is reasoning.
     */
    MESSAGES,
    /**
     * Gradio 6's chatbot (messages only): like {@link #MESSAGES}, but content is a list of parts such as
     * {@code {"type":"text","text":…}}; Gradio 6 rejects string content on input.
     */
    TYPED_MESSAGES,
    /**
     * modelscope-studio chatbots: {@code mgr.Chatbot} pairs whose sides are strings or dicts with a
     * {@code text} key (the Qwen 2.5 Space), or messages whose content is a list of parts where parts of type
     * {@code tool}, or with a true {@code thinking} flag, are reasoning and the other parts' {@code content}
     * is the answer (the Qwen3 demo Space). History is sent as string pairs.
     */
    MGR,
    /**
     * The output is the chat function's reply itself, not a chatbot: {@code gr.ChatInterface}'s {@code /chat}
     * endpoint (a string in Gradio 4; in Gradio 5 and 6 the raw yield: a string, a {@code ChatMessage} object,
     * or a list of both, where objects with {@code metadata.title} are reasoning). Such apps keep history in
     * server-side State, so history cannot be sent.
     */
    RESPONSE
}
