package dev.g4j.provider.qwen25;

import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.GradioChatProvider;
import dev.g4j.provider.gradiochat.GradioChatSpec;
import dev.g4j.provider.gradiochat.InputSlot;
import io.vertx.core.Vertx;

import java.net.URI;
import java.util.Locale;

/**
 * Qwen 2.5 through the public Gradio Space {@value #URL}, which streams the answers of DashScope's
 * {@code qwen2.5-*-instruct} models: a {@link GradioChatSpec} of the Space's {@code model_chat} function.
 *
 * <pre>{@code
 * try (Qwen25Provider qwen = new Qwen25Provider()) {
 *     String answer = qwen.createAsyncGenerator("qwen-2.5-coder-7b", Messages.ofUser("Reverse a list in Java")).text().join();
 * }
 * }</pre>
 *
 * <p>The system messages go to the Space's hidden system prompt (default {@value #DEFAULT_SYSTEM_PROMPT}), earlier
 * turns to its chatbot as native history, and the model to its hidden radio (the twelve variants of
 * {@link #SPEC}). Streaming, errors and options are those of {@link GradioChatProvider}; {@code baseUrl} points it
 * at a simulator or a self-hosted copy.
 */
public final class Qwen25Provider extends GradioChatProvider {
    /** The provider's identifier. */
    public static final String NAME = "Qwen_Qwen_2_5";
    /** The Space's origin. */
    public static final String URL = "https://qwen-qwen2-5.hf.space";
    /** The system prompt the Space itself starts with. */
    public static final String DEFAULT_SYSTEM_PROMPT = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    /** The values of the Space's model radio, default first; the Space asks DashScope for qwen2.5-(value)-instruct. */
    private static final String[] RADIO = {"72B", "32B", "14B", "7B", "3B", "1.5B", "0.5B", "Math-72B", "Math-7B",
        "Math-1.5B", "Coder-7B", "Coder-1.5B"};
    /** The Space: {@code model_chat(textbox, chatbot, system_state, radio) -> [textbox, chatbot, system_input]}. */
    public static final GradioChatSpec SPEC = buildSpec();

    /** For {@link java.util.ServiceLoader}: cheap, no I/O; Vert.x is created on the first request. */
    public Qwen25Provider() {
        super(SPEC);
    }

    /**
     * Uses the host's Vert.x instance, which {@link #close()} leaves open.
     *
     * @param vertx the host's Vert.x
     */
    public Qwen25Provider(Vertx vertx) {
        super(SPEC, vertx);
    }

    private static GradioChatSpec buildSpec() {
        String largest = "qwen2.5-72b-instruct";
        GradioChatSpec.Builder b = GradioChatSpec.builder(NAME).label("Qwen Qwen-2.5").url(URI.create(URL))
                .apiName("model_chat").fnIndex(3).triggerId(25)
                .inputs(InputSlot.prompt(), InputSlot.history(), InputSlot.systemPrompt(DEFAULT_SYSTEM_PROMPT),
                        InputSlot.modelSelector())
                .format(ChatFormat.MGR).chatbotOutput(1)
                .alias("qwen-2.5", largest).alias("qwen-qwen2-5", largest).alias("qwen2.5", largest);
        for (String radio : RADIO) {
            String size = radio.toLowerCase(Locale.ROOT);
            String model = "qwen2.5-" + size + "-instruct";
            b.model(model, radio).alias("qwen-2.5-" + size, model).alias("qwen2.5-" + size, model)
                    .alias("qwen-2.5-" + size + "-instruct", model).alias(radio, model);
        }
        return b.build();
    }
}
