package dev.g4j.examples.cli;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ModelNames;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.registry.ProviderRegistry;

import java.util.ArrayList;
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
     * @param modelName {@code -m}, or null; {@code Provider:model} pins a provider
     * @throws dev.g4j.provider.api.ProviderNotFoundException for an unknown provider, naming the known ones
     * @throws ModelNotFoundException for a model no provider serves, naming the valid ones
     */
    static Target resolve(ProviderRegistry registry, String providerName, String modelName) {
        String model = modelName == null || modelName.isBlank() ? null : modelName.strip();
        if (providerName == null && model != null && model.indexOf(':') > 0 && registry.providersFor(model).isEmpty()) {
            providerName = model.substring(0, model.indexOf(':')).strip();
            model = model.substring(model.indexOf(':') + 1).strip();
            model = model.isEmpty() ? null : model;
        }
        if (providerName != null) {
            AsyncGeneratorProvider p = registry.provider(providerName);
            if (model != null && model.startsWith(p.name() + ":")) {
                model = model.substring(p.name().length() + 1);
            }
            String canonical = model;
            if (p instanceof ProviderModelMixin m) {
                try {
                    canonical = m.getModel(model);
                } catch (ModelNotFoundException e) {
                    throw unknownModel(List.of(p), model, " for provider " + p.name(), e);
                }
            }
            return new Target(p.name() + ":" + (canonical == null ? "" : canonical), p.name(), canonical);
        }
        if (model == null) {
            List<AsyncGeneratorProvider> all = registry.providers();
            if (all.isEmpty()) {
                registry.forModel(null); // throws the registry's own explanation
            }
            AsyncGeneratorProvider first = all.stream().filter(Target::working).findFirst().orElse(all.get(0));
            String defaultModel = first instanceof ProviderModelMixin m ? m.defaultModel() : null;
            return new Target(null, first.name(), defaultModel);
        }
        List<AsyncGeneratorProvider> serving = registry.providersFor(model);
        if (serving.isEmpty()) {
            throw unknownModel(registry.providers(), model, "", null);
        }
        AsyncGeneratorProvider first = serving.get(0);
        String canonical = first instanceof ProviderModelMixin m ? m.getModel(model) : model;
        return new Target(model, first.name(), canonical);
    }

    /**
     * "Unknown model 'x'. Did you mean 'y'? Models: a, b, c; aliases: see g4j --list-models." The canonical names
     * only: with every alias the list would fill the screen.
     */
    private static ModelNotFoundException unknownModel(List<AsyncGeneratorProvider> providers, String requested,
                                                       String where, Throwable cause) {
        List<String> models = new ArrayList<>();
        List<String> everyName = new ArrayList<>();
        for (AsyncGeneratorProvider p : providers) {
            if (p instanceof ProviderModelMixin m) {
                models.addAll(m.models());
                everyName.addAll(m.models());
                everyName.addAll(m.modelAliases().keySet());
            }
        }
        StringBuilder sb = new StringBuilder("Unknown model '").append(requested).append('\'').append(where).append('.');
        ModelNames.closest(requested, everyName).ifPresent(c -> sb.append(" Did you mean '").append(c).append("'?"));
        sb.append(models.isEmpty() ? " No provider lists its models." : " Models: " + String.join(", ", models) + ";")
                .append(" aliases: see g4j --list-models.");
        return new ModelNotFoundException(sb.toString(), cause);
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
