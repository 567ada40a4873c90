package dev.g4j.examples.cli;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.registry.ProviderRegistry;

import java.util.List;

/**
 * Where a request goes: the model string handed to {@link ProviderRegistry#create}, and, for display, the provider
 * and canonical model it resolves to first. Resolving checks the names, so a typo fails before anything is sent.
 *
 * @param spec the model string for the registry: a model or alias, {@code Provider:model}, or null for the default
 * @param provider the name of the first provider that will be asked
 * @param model the canonical model name that provider is asked for, or null when it does not name its models
 */
record Target(String spec, String provider, String model) {

    /**
     * @param providerName {@code -p}, or null
     * @param modelName {@code -m}, or null
     * @throws dev.g4j.provider.api.ProviderNotFoundException for an unknown provider, naming the known ones
     * @throws ModelNotFoundException for a model no provider serves, naming the valid ones
     */
    static Target resolve(ProviderRegistry registry, String providerName, String modelName) {
        if (providerName != null) {
            AsyncGeneratorProvider p = registry.provider(providerName);
            String model = modelName;
            if (model != null && model.startsWith(p.name() + ":")) {
                model = model.substring(p.name().length() + 1);
            }
            String canonical = p instanceof ProviderModelMixin m ? m.getModel(model) : model;
            return new Target(p.name() + ":" + (canonical == null ? "" : canonical), p.name(), canonical);
        }
        if (modelName == null) {
            List<AsyncGeneratorProvider> all = registry.providers();
            if (all.isEmpty()) {
                registry.forModel(null); // throws the registry's own explanation
            }
            AsyncGeneratorProvider first = all.stream().filter(Target::working).findFirst().orElse(all.get(0));
            String model = first instanceof ProviderModelMixin m ? m.defaultModel() : null;
            return new Target(null, first.name(), model);
        }
        List<AsyncGeneratorProvider> serving = registry.providersFor(modelName);
        if (serving.isEmpty()) {
            int colon = modelName.indexOf(':');
            if (colon > 0) {
                registry.forModel(modelName); // checks the pinned provider and model, with the registry's messages
                return resolve(registry, modelName.substring(0, colon), modelName.substring(colon + 1).isBlank()
                        ? null : modelName.substring(colon + 1));
            }
            registry.forModel(modelName); // throws ModelNotFoundException naming the valid models
            throw new ModelNotFoundException("No provider serves model '" + modelName + "'");
        }
        AsyncGeneratorProvider first = serving.get(0);
        String canonical = first instanceof ProviderModelMixin m ? m.getModel(modelName) : modelName;
        return new Target(modelName, first.name(), canonical);
    }

    /** "qwen2.5-72b-instruct (Qwen_Qwen_2_5)". */
    String describe() {
        return (model == null ? "its default model" : model) + " (" + provider + ")";
    }

    private static boolean working(AsyncGeneratorProvider p) {
        try {
            return p.working();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
