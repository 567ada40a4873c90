package dev.g4j.provider.openai.internal;

import dev.g4j.provider.api.Secret;

import java.util.List;
import java.util.Map;

/**
 * The fixed facts of one OpenAI-compatible server, as the provider was built with them.
 *
 * @param name the provider's name, for messages
 * @param baseUrl the base URL without a trailing slash, e.g. {@code http://localhost:11434/v1}
 * @param apiKeyEnv the environment variable that holds the key, or null
 * @param apiKey a key given directly (or read from the factory's environment), or null
 * @param headers extra request headers
 * @param stream whether to ask for a streamed answer
 * @param local whether the server runs on this machine (for the advice on a refused connection)
 * @param startAdvice how to start a local server, e.g. "start it with `ollama serve`", or null
 * @param models the listed models, for error messages
 */
public record Endpoint(String name, String baseUrl, String apiKeyEnv, Secret apiKey, Map<String, String> headers,
                       boolean stream, boolean local, String startAdvice, List<String> models) {
    /**
     * Copies the collections.
     *
     * @param name the name
     * @param baseUrl the base URL
     * @param apiKeyEnv the key variable
     * @param apiKey the key
     * @param headers the headers
     * @param stream streaming or not
     * @param local local or not
     * @param startAdvice the advice
     * @param models the models
     */
    public Endpoint {
        headers = Map.copyOf(headers);
        models = List.copyOf(models);
    }
}
