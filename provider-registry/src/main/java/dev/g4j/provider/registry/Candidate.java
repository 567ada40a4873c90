package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;

/**
 * One provider to try for a request, with the model name to ask it for.
 *
 * @param provider the provider
 * @param name its name
 * @param model the canonical model name for this provider, or null for its default when it names no models
 */
record Candidate(AsyncGeneratorProvider provider, String name, String model) {

    /** The model to announce in {@link dev.g4j.provider.api.ResponseChunk.ProviderInfo}. */
    String announcedModel() {
        return model == null ? "" : model;
    }
}
