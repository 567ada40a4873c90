package dev.g4j.provider.registry;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderOutcome;

/**
 * A provider held by the registry, with where it came from and whether the registry created it (and so closes it).
 *
 * @param provider the instance
 * @param name its name, read once at registration
 * @param source the jar or directory, or {@code "programmatic"} for instances the host passed in
 * @param owned true when the registry created it through {@link java.util.ServiceLoader} or a factory
 * @param origin the origin a {@link dev.g4j.provider.api.ProviderFactory} gave it, or null for a plain provider
 */
record RegisteredProvider(AsyncGeneratorProvider provider, String name, String source, boolean owned,
                          ProviderOutcome.Origin origin) {

    /** The default chain's group: plain providers, then configured, hosted and local ones. */
    int rank() {
        return origin == null ? 0 : 1 + origin.ordinal();
    }
}
