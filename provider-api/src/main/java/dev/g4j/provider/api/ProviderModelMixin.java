package dev.g4j.provider.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The models a provider serves, and how a requested name maps to one of them.
 *
 * <p>{@link #getModel(String)} follows g4f, done right: null or blank gives the default model; an alias gives its
 * target; a canonical model name gives itself (the default model included); matching is exact first, then
 * ignores case; anything else throws {@link ModelNotFoundException} naming the valid names and the closest one,
 * unless the provider {@linkplain #acceptsUnlistedModels() accepts unlisted models}: then the name is passed on as
 * it is.
 */
public interface ProviderModelMixin {

    /**
     * The model used when none is requested.
     *
     * @return one of {@link #models()}
     */
    String defaultModel();

    /**
     * The canonical model names, default first.
     *
     * @return the listed models
     */
    List<String> models();

    /**
     * Alias to canonical model name.
     *
     * @return the aliases; every target is one of {@link #models()} (or, for an open model list, any name)
     */
    Map<String, String> modelAliases();

    /**
     * Whether the provider also serves model names it does not list, such as a local server that serves whatever
     * the user pulled. The registry passes such names through only when the provider is pinned
     * ({@code Provider:model}); an unpinned lookup uses the listed names and aliases alone.
     *
     * @return true for an open model list; the default is false
     */
    default boolean acceptsUnlistedModels() {
        return false;
    }

    /**
     * Asks the upstream which models it serves now, such as the models a local server has pulled. Unlike the
     * descriptive methods this may do I/O; it never throws, failing the future instead. The default answers
     * {@link #models()} at once.
     *
     * @param options proxy, base URL, key and timeouts for the request
     * @return the model names; fails with a {@link ProviderException} when the upstream cannot be asked
     */
    default CompletableFuture<List<String>> discoverModels(ProviderOptions options) {
        return CompletableFuture.completedFuture(models());
    }

    /**
     * Resolves a requested model name to a canonical one.
     *
     * @param requested the requested name or alias; null or blank for the default model
     * @return the canonical model name, or for an open model list an unlisted name as given (stripped)
     * @throws ModelNotFoundException when {@code requested} is neither a model nor an alias, and the model list is
     *         closed
     */
    default String getModel(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultModel();
        }
        String name = requested.strip();
        List<String> models = models();
        Map<String, String> aliases = modelAliases();
        if (models.contains(name)) {
            return name;
        }
        String defaultModel = defaultModel();
        if (name.equals(defaultModel)) {
            return defaultModel;
        }
        String target = aliases.get(name);
        if (target != null) {
            return target;
        }
        for (String model : models) {
            if (model.equalsIgnoreCase(name)) {
                return model;
            }
        }
        if (defaultModel != null && defaultModel.equalsIgnoreCase(name)) {
            return defaultModel;
        }
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (alias.getKey().equalsIgnoreCase(name)) {
                return alias.getValue();
            }
        }
        if (acceptsUnlistedModels()) {
            return name;
        }
        List<String> valid = new ArrayList<>(models);
        valid.addAll(aliases.keySet());
        String owner = this instanceof AsyncGeneratorProvider ? ((AsyncGeneratorProvider) this).name() : getClass().getSimpleName();
        throw new ModelNotFoundException(ModelNames.notFoundMessage(name, owner, valid));
    }
}
