package dev.g4j.openai.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Objects;

/**
 * A request the {@link OpenAiSimulator} received, kept so that tests can check what a client sent.
 *
 * @param method the HTTP method
 * @param path the path, e.g. {@code /v1/chat/completions}
 * @param headers the headers, names in lower case (the last value of a repeated header)
 * @param body the body as text, empty for none
 * @param json the body parsed as JSON, or null when it is not JSON
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, String body, JsonNode json) {
    /**
     * Checks and copies the parts.
     *
     * @param method not null
     * @param path not null
     * @param headers not null
     * @param body not null
     * @param json may be null
     */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /**
     * One header.
     *
     * @param name the header name, any case
     * @return its value, or null when absent
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
