package dev.g4j.provider.gradiochat.spaces;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.GradioChatProvider;
import dev.g4j.provider.gradiochat.GradioChatSpec;
import dev.g4j.provider.gradiochat.InputSlot;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Qwen3 through the Gradio 5 Space {@value #URL} (API under {@code /gradio_api}): its function fn_index 13,
 * triggered by component 31, takes {@code [prompt, {thinking_budget, model, sys_prompt}, state, state]} and
 * streams an {@code mgr} chatbot as output 5, whose {@code tool} parts (and parts flagged as thinking) become
 * {@link dev.g4j.provider.api.ResponseChunk.Reasoning} and whose other parts are the answer. The Space keeps the
 * conversation in server-side state, so earlier turns go inside the prompt. Ported from the facts of gpt4free's
 * {@code Qwen_Qwen_3}, which gpt4free dropped in June 2026, so {@link #working()} is false and the provider serves
 * only requests that name it.
 */
public final class Qwen3DemoProvider extends GradioChatProvider {
    /** The provider's name, as in gpt4free. */
    public static final String NAME = "Qwen_Qwen_3";
    /** The Space's origin. */
    public static final String URL = "https://qwen-qwen3-demo.hf.space";
    /** The thinking budget gpt4free sends (its default). */
    public static final int THINKING_BUDGET = 38;
    /** The spec. */
    public static final GradioChatSpec SPEC = buildSpec();

    /** For {@link java.util.ServiceLoader}: cheap, no I/O. */
    public Qwen3DemoProvider() {
        super(SPEC);
    }

    private static GradioChatSpec buildSpec() {
        Map<String, InputSlot> settings = new LinkedHashMap<>();
        settings.put("thinking_budget", InputSlot.constant(IntNode.valueOf(THINKING_BUDGET)));
        settings.put("model", InputSlot.modelSelector());
        settings.put("sys_prompt", InputSlot.systemPrompt("You are a helpful and harmless assistant."));
        return GradioChatSpec.builder(NAME).label("Qwen Qwen-3").url(URI.create(URL)).apiPrefix("/gradio_api")
                .fnIndex(13).triggerId(31)
                .inputs(InputSlot.prompt(), InputSlot.dict(settings), InputSlot.nullValue(), InputSlot.nullValue())
                .format(ChatFormat.MGR).chatbotOutput(5).serverSideHistory(true)
                .models("qwen3-235b-a22b", "qwen3-32b", "qwen3-30b-a3b", "qwen3-14b", "qwen3-8b", "qwen3-4b",
                        "qwen3-1.7b", "qwen3-0.6b")
                .working(false).build();
    }
}
