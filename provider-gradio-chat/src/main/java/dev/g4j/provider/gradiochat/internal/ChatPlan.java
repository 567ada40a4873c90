package dev.g4j.provider.gradiochat.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.g4j.gradio.GradioEndpoint;
import dev.g4j.provider.gradiochat.GradioChatSpec;

import java.net.URI;
import java.util.Objects;

/**
 * What one chat request sends, once the app is located and its chat endpoint known.
 *
 * @param baseUrl  the app's base URL
 * @param endpoint the chat endpoint (fn_index, trigger_id, api prefix, protocol)
 * @param spec     the spec in force (for an app found by detection, the detected one)
 * @param data     the join's data array
 */
public record ChatPlan(URI baseUrl, GradioEndpoint endpoint, GradioChatSpec spec, ArrayNode data) {
    /**
     * Checks the parts.
     *
     * @param baseUrl  see the record component
     * @param endpoint see the record component
     * @param spec     see the record component
     * @param data     see the record component
     */
    public ChatPlan {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(data, "data");
    }

    /** Shows no conversation text. */
    @Override
    public String toString() {
        return "ChatPlan[" + baseUrl.getHost() + ", " + endpoint + ", " + spec.format() + "]";
    }
}
