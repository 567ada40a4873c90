package dev.g4j.springai.internal;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderNotFoundException;
import dev.g4j.provider.registry.ProviderRegistry;

import java.util.List;

/**
 * The CLI's {@code --base-url} rule: a base URL is one provider's endpoint, so it applies to exactly one provider
 * (the pinned one, else the first of the chain for the model) and turns failover off by pinning that provider.
 */
public final class BaseUrlPinning {

    private BaseUrlPinning() {
    }

    /**
     * Pins the provider that a base URL applies to.
     *
     * @param registry the registry
     * @param model an alias, {@code Provider:model}, or null/blank for the default chain
     * @return {@code Provider:model}, with an empty model part for the provider's default
     * @throws ModelNotFoundException when no provider serves the model or the pinned provider is unknown
     * @throws ProviderNotFoundException when the registry has no provider at all
     */
    public static String pin(ProviderRegistry registry, String model) {
        String wanted = model == null ? "" : model.strip();
        int colon = wanted.indexOf(':');
        if (colon >= 0) {
            AsyncGeneratorProvider pinned = registry.find(wanted.substring(0, colon).strip())
                    .orElseThrow(() -> new ModelNotFoundException("g4j.model pins provider '"
                            + wanted.substring(0, colon).strip() + "', which is not registered; known providers: "
                            + names(registry.providers())));
            return pinned.name() + ":" + wanted.substring(colon + 1).strip();
        }
        List<AsyncGeneratorProvider> chain = wanted.isEmpty() ? defaultChain(registry) : registry.providersFor(wanted);
        if (chain.isEmpty()) {
            registry.forModel(wanted); // throws the registry's explained error
            throw new ModelNotFoundException("No provider serves model '" + wanted + "'; set g4j.model to one of "
                    + registry.models());
        }
        return chain.get(0).name() + ":" + wanted;
    }

    private static List<AsyncGeneratorProvider> defaultChain(ProviderRegistry registry) {
        List<AsyncGeneratorProvider> all = registry.providers();
        if (all.isEmpty()) {
            throw new ProviderNotFoundException("g4j.base-url is set but no g4j provider is on the class path; add"
                    + " one, such as dev.g4j:provider-qwen25");
        }
        return all.stream().filter(AsyncGeneratorProvider::working).findFirst().map(List::of).orElse(List.of(all.get(0)));
    }

    private static String names(List<AsyncGeneratorProvider> providers) {
        return providers.stream().map(AsyncGeneratorProvider::name).toList().toString();
    }
}
