package dev.g4j.provider.gradiochat.internal;

import dev.g4j.provider.gradiochat.ChatFormat;
import dev.g4j.provider.gradiochat.GradioChatSpec;
import dev.g4j.provider.gradiochat.InputSlot;

import java.util.List;
import java.util.Objects;

/**
 * The chat endpoint {@link ChatEndpointDetector} found in an app's {@code /config}.
 *
 * @param fnIndex           the dependency id
 * @param apiName           its {@code api_name}, or null when it has none (or {@code false})
 * @param triggerId         the component whose event triggers it, or null
 * @param apiPrefix         the app's {@code api_prefix} ({@code ""} for Gradio 4)
 * @param version           the app's Gradio version ({@code ""} when the config has none)
 * @param inputs            one slot per input, additional inputs at their defaults
 * @param format            the chatbot format
 * @param chatbotOutput     the output index holding the chatbot (or the reply, for {@link ChatFormat#RESPONSE})
 * @param serverSideHistory whether the app keeps history in server-side State (a {@code gr.ChatInterface})
 */
public record DetectedChat(int fnIndex, String apiName, Integer triggerId, String apiPrefix, String version,
                           List<InputSlot> inputs, ChatFormat format, int chatbotOutput, boolean serverSideHistory) {

    /**
     * Copies the inputs and checks the required parts.
     *
     * @param fnIndex see the record component
     * @param apiName see the record component
     * @param triggerId see the record component
     * @param apiPrefix see the record component
     * @param version see the record component
     * @param inputs see the record component
     * @param format see the record component
     * @param chatbotOutput see the record component
     * @param serverSideHistory see the record component
     */
    public DetectedChat {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(apiPrefix, "apiPrefix");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(format, "format");
    }

    /**
     * Sets the endpoint, input layout, format, chatbot output and history mode on a spec builder.
     *
     * @param builder a builder that already has the provider name and the app's location
     * @return the same builder
     */
    public GradioChatSpec.Builder applyTo(GradioChatSpec.Builder builder) {
        builder.fnIndex(fnIndex).inputs(inputs).format(format).chatbotOutput(chatbotOutput)
                .serverSideHistory(serverSideHistory);
        if (apiName != null) {
            builder.apiName(apiName);
        }
        if (triggerId != null) {
            builder.triggerId(triggerId);
        }
        return builder;
    }
}
