package dev.g4j.gateway.internal;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ModelNames;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.registry.ProviderRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The models behind {@code GET /v1/models}: every listed model name and alias of the registry, each owned by the
 * provider the registry tries first for it, plus the models that providers serving their own open lists (a local
 * Ollama, say) report now, as {@code Provider:model}. Address-like names (a Space, a URL) are never listed.
 * Discovery is asked at most every {@value #REFRESH_SECONDS} s per provider and waits at most
 * {@value #DISCOVERY_SECONDS} s; a server that does not answer contributes nothing.
 */
public final class ModelCatalog {
    static final long REFRESH_SECONDS = 30;
    static final long DISCOVERY_SECONDS = 2;

    private final ProviderRegistry registry;
    private final ProviderOptions options;
    private final long created;
    private final Map<String, Discovered> discovered = new ConcurrentHashMap<>();

    /**
     * Creates the catalog.
     *
     * @param registry the providers
     * @param options the options discovery requests start from (proxy, keys)
     * @param created the {@code created} time reported for every model, in Unix seconds
     */
    public ModelCatalog(ProviderRegistry registry, ProviderOptions options, long created) {
        this.registry = registry;
        this.options = options.toBuilder().connectTimeout(Duration.ofSeconds(DISCOVERY_SECONDS))
                .totalTimeout(Duration.ofSeconds(DISCOVERY_SECONDS)).build();
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

    /** What one provider reported, and when. */
    private record Discovered(List<String> models, long atNanos) {
    }

    /**
     * Every model and alias, with the discovered ones.
     *
     * @return the models, sorted by id; never fails
     */
    public CompletableFuture<List<Entry>> list() {
        List<Entry> entries = new ArrayList<>();
        for (String id : registry.models()) {
            listed(id).ifPresent(entries::add);
        }
        return discoverAll().thenApply(found -> {
            List<Entry> all = new ArrayList<>(entries);
            all.addAll(found);
            all.sort(Comparator.comparing(Entry::id));
            return all;
        });
    }

    /**
     * One model or alias, or a discovered {@code Provider:model}.
     *
     * @param id the name, compared ignoring case for listed names
     * @return the model, or empty when no provider lists or reports it; never fails
     */
    public CompletableFuture<Optional<Entry>> find(String id) {
        Optional<Entry> listed = listed(id);
        if (listed.isPresent()) {
            return CompletableFuture.completedFuture(listed);
        }
        return discoverAll().thenApply(found -> found.stream().filter(e -> e.id().equals(id)).findFirst());
    }

    private Optional<Entry> listed(String id) {
        List<AsyncGeneratorProvider> providers = registry.providersFor(id);
        if (providers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(id, created, providers.get(0).name()));
    }

    private CompletableFuture<List<Entry>> discoverAll() {
        List<CompletableFuture<List<Entry>>> parts = new ArrayList<>();
        for (AsyncGeneratorProvider p : registry.providers()) {
            if (p instanceof ProviderModelMixin && servesItsOwnOpenList((ProviderModelMixin) p)) {
                parts.add(discover(p, (ProviderModelMixin) p));
            }
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Entry> all = new ArrayList<>();
            parts.forEach(part -> all.addAll(part.join()));
            return all;
        });
    }

    private static boolean servesItsOwnOpenList(ProviderModelMixin m) {
        try {
            return m.acceptsUnlistedModels() && !m.unlistedModelsAreAddresses();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private CompletableFuture<List<Entry>> discover(AsyncGeneratorProvider provider, ProviderModelMixin models) {
        Discovered last = discovered.get(provider.name());
        CompletableFuture<List<String>> names;
        if (last != null && System.nanoTime() - last.atNanos() < TimeUnit.SECONDS.toNanos(REFRESH_SECONDS)) {
            names = CompletableFuture.completedFuture(last.models());
        } else {
            CompletableFuture<List<String>> asked;
            try {
                asked = models.discoverModels(options);
            } catch (RuntimeException e) {
                asked = CompletableFuture.failedFuture(e);
            }
            names = asked.orTimeout(DISCOVERY_SECONDS, TimeUnit.SECONDS)
                    .exceptionally(e -> List.of())
                    .thenApply(found -> {
                        List<String> copy = found == null ? List.of() : List.copyOf(found);
                        discovered.put(provider.name(), new Discovered(copy, System.nanoTime()));
                        return copy;
                    });
        }
        return names.thenApply(found -> {
            List<Entry> entries = new ArrayList<>();
            for (String name : found) {
                if (name != null && !name.isBlank() && !name.contains("://") && !ModelPolicy.lists(models, name)) {
                    entries.add(new Entry(provider.name() + ":" + name, created, provider.name()));
                }
            }
            return entries;
        });
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
