package dev.g4j.provider.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The models a provider serves, and how a requested name maps to one of them.
 *
 * <p>{@link #getModel(String)} follows g4f, done right: null or blank gives the default model; an alias gives its
 * target; a canonical model name gives itself (the default model included); matching is exact first, then
 * ignores case; anything else throws {@link ModelNotFoundException} naming the valid names and the closest one.
 */
public interface ProviderModelMixin {

    /** The model used when none is requested; one of {@link #models()}. */
    String defaultModel();

    /** The canonical model names, default first. */
    List<String> models();

    /** Alias to canonical model name. Every target is one of {@link #models()}. */
    Map<String, String> modelAliases();

    /**
     * Resolves a requested model name to a canonical one.
     *
     * @throws ModelNotFoundException when {@code requested} is neither a model nor an alias
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
        List<String> valid = new ArrayList<>(models);
        valid.addAll(aliases.keySet());
        String owner = this instanceof AsyncGeneratorProvider ? ((AsyncGeneratorProvider) this).name() : getClass().getSimpleName();
        throw new ModelNotFoundException(ModelNames.notFoundMessage(name, owner, valid));
    }
}
