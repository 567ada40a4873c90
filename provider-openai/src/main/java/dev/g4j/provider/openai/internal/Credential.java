package dev.g4j.provider.openai.internal;

import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.Secret;

import java.util.function.Function;

/**
 * The key to send and where it came from: {@link ProviderOptions#apiKey()} first, then the key the provider was
 * built with, then its environment variable.
 *
 * @param secret the key, or null for none
 * @param source where it came from
 */
record Credential(Secret secret, UpstreamErrors.KeySource source) {

    static Credential resolve(Endpoint endpoint, ProviderOptions options, Function<String, String> env) {
        if (options.apiKey().isPresent()) {
            return new Credential(options.apiKey().get(), UpstreamErrors.KeySource.OPTIONS);
        }
        if (endpoint.apiKey() != null) {
            return new Credential(endpoint.apiKey(), UpstreamErrors.KeySource.ENDPOINT);
        }
        if (endpoint.apiKeyEnv() != null) {
            String value = env.apply(endpoint.apiKeyEnv());
            if (value != null && !value.isBlank()) {
                return new Credential(Secret.of(value), UpstreamErrors.KeySource.ENVIRONMENT);
            }
        }
        return new Credential(null, UpstreamErrors.KeySource.NONE);
    }
}
