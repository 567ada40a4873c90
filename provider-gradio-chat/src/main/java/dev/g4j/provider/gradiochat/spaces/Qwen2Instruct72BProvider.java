package dev.g4j.provider.gradiochat.spaces;

import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.GradioChatProvider;
import dev.g4j.provider.gradiochat.GradioChatSpec;
import dev.g4j.provider.gradiochat.InputSlot;

import java.net.URI;

/**
 * Qwen2-72B-Instruct through the Gradio Space {@value #URL}: its submit function (fn_index 0, triggered by
 * component 11) takes {@code [prompt, history, system]} and returns a tuples chatbot as output 1. Ported from the
 * facts of gpt4free's {@code Qwen_Qwen_2_72B}, which gpt4free dropped in June 2026, so {@link #working()} is false
 * and the provider serves only requests that name it.
 */
public final class Qwen2Instruct72BProvider extends GradioChatProvider {
    /** The provider's name, as in gpt4free. */
    public static final String NAME = "Qwen_Qwen_2_72B";
    /** The Space's origin. */
    public static final String URL = "https://qwen-qwen2-72b-instruct.hf.space";
    /** The spec. */
    public static final GradioChatSpec SPEC = GradioChatSpec.builder(NAME).label("Qwen Qwen-2.72B")
            .url(URI.create(URL)).fnIndex(0).triggerId(11)
            .inputs(InputSlot.prompt(), InputSlot.history(), InputSlot.systemPrompt(""))
            .format(ChatFormat.TUPLES).chatbotOutput(1)
            .models("qwen-qwen2-72b-instruct").alias("qwen-2-72b", "qwen-qwen2-72b-instruct")
            .working(false).build();

    /** For {@link java.util.ServiceLoader}: cheap, no I/O. */
    public Qwen2Instruct72BProvider() {
        super(SPEC);
    }
}
