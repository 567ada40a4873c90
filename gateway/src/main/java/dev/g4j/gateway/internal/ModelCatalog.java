package dev.g4j.gateway.internal;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ModelNames;
import dev.g4j.provider.registry.ProviderRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The models behind {@code GET /v1/models}: every listed model name and alias of the registry, each owned by the
 * provider the registry tries first for it. Open-ended names (those a provider takes without listing) are not
 * listed.
 */
public final class ModelCatalog {
    private final ProviderRegistry registry;
    private final long created;

    /**
     * Creates the catalog.
     *
     * @param registry the providers
     * @param created the {@code created} time reported for every model, in Unix seconds
     */
    public ModelCatalog(ProviderRegistry registry, long created) {
        this.registry = registry;
        this.created = created;
    }

    /**
     * One model.
     *
     * @param id the model name or alias, as a client sends it
     * @param created Unix seconds
     * @param ownedBy the provider that serves it first
     */
    public record Entry(String id, long created, String ownedBy) {
    }

    /**
     * Every model and alias.
     *
     * @return the models, sorted by id
     */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (String id : registry.models()) {
            find(id).ifPresent(entries::add);
        }
        return entries;
    }

    /**
     * One model or alias.
     *
     * @param id the name, compared ignoring case
     * @return the model, or empty when no provider lists it
     */
    public Optional<Entry> find(String id) {
        List<AsyncGeneratorProvider> providers = registry.providersFor(id);
        if (providers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(id, created, providers.get(0).name()));
    }

    /**
     * The 404 for a model nobody lists, with the closest name.
     *
     * @param id the requested name
     * @return the error
     */
    public ApiError notFound(String id) {
        List<String> names = registry.models();
        StringBuilder sb = new StringBuilder("The model '").append(id).append("' does not exist.");
        ModelNames.closest(id, names).ifPresent(c -> sb.append(" Did you mean '").append(c).append("'?"));
        sb.append(" List the models with GET /v1/models.");
        return new ApiError(404, sb.toString(), "invalid_request_error", "model", "model_not_found", null);
    }
}
