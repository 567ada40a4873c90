package dev.g4j.examples.cli;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ModelNames;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.registry.ProviderRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a request goes: the model string handed to {@link ProviderRegistry#create}, and, for display, the provider
 * and model it resolves to first. The registry resolves the names (its default chain, {@code Provider:model},
 * aliases, open model lists), so a typo fails here, before anything is sent; the CLI only rewords a model error to
 * keep it short.
 *
 * @param spec the model string for the registry: a model or alias, {@code Provider:model}, or null for the default
 *             chain
 * @param provider the name of the first provider that will be asked
 * @param model the model that provider is asked for, or null when it does not name its models
 */
record Target(String spec, String provider, String model) {

    /**
     * @param providerName {@code -p}, or null
     * @param modelName {@code -m}, or null; {@code Provider:model} pins a provider
     * @throws dev.g4j.provider.api.ProviderNotFoundException for an unknown provider, naming the closest one
     * @throws ModelNotFoundException for a model no provider serves, naming the closest one
     */
    static Target resolve(ProviderRegistry registry, String providerName, String modelName) {
        String model = modelName == null || modelName.isBlank() ? null : modelName.strip();
        if (providerName != null) {
            AsyncGeneratorProvider p = registry.provider(providerName);
            if (model != null && model.toLowerCase(Locale.ROOT).startsWith(p.name().toLowerCase(Locale.ROOT) + ":")) {
                model = model.substring(p.name().length() + 1).strip();
                model = model.isEmpty() ? null : model;
            }
            return pinned(registry, p, model);
        }
        if (model == null) {
            registry.forModel(null); // throws the registry's explanation when there is no provider at all
            List<AsyncGeneratorProvider> chain = registry.defaultChain();
            AsyncGeneratorProvider first = chain.isEmpty() ? registry.providers().get(0) : chain.get(0);
            return new Target(null, first.name(), defaultModel(first));
        }
        List<AsyncGeneratorProvider> serving = registry.providersFor(model);
        if (!serving.isEmpty()) {
            AsyncGeneratorProvider first = serving.get(0);
            return new Target(model, first.name(), canonical(first, model));
        }
        int colon = model.indexOf(':');
        if (colon > 0 && registry.find(model.substring(0, colon).strip()).isPresent()) {
            AsyncGeneratorProvider p = registry.provider(model.substring(0, colon).strip());
            String rest = model.substring(colon + 1).strip();
            return pinned(registry, p, rest.isEmpty() ? null : rest);
        }
        try {
            registry.forModel(model); // an unknown provider part: the registry names the closest provider
        } catch (ModelNotFoundException e) {
            throw unknownModel(registry, registry.providers(), model, "", e);
        }
        throw unknownModel(registry, registry.providers(), model, "", null);
    }

    /** This target with its first provider pinned: no failover, as for {@code --base-url}. */
    Target pinned() {
        return new Target(provider + ":" + (model == null ? "" : model), provider, model);
    }

    private static Target pinned(ProviderRegistry registry, AsyncGeneratorProvider p, String model) {
        String spec = p.name() + ":" + (model == null ? "" : model);
        try {
            registry.forModel(spec);
        } catch (ModelNotFoundException e) {
            throw unknownModel(registry, List.of(p), model, " for provider " + p.name(), e);
        }
        return new Target(spec, p.name(), model == null ? defaultModel(p) : canonical(p, model));
    }

    /**
     * "Unknown model 'x'. Did you mean 'y'? Models: a, b, c; aliases: see g4j --list-models." The canonical names
     * only: with every alias the list would fill the screen.
     */
    private static ModelNotFoundException unknownModel(ProviderRegistry registry, List<AsyncGeneratorProvider> providers,
                                                       String requested, String where, Throwable cause) {
        List<String> models = new ArrayList<>();
        List<String> everyName = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (AsyncGeneratorProvider p : providers) {
            if (p instanceof ProviderModelMixin m) {
                models.addAll(m.models());
                everyName.addAll(m.models());
                everyName.addAll(m.modelAliases().keySet());
                if (openList(m)) {
                    open.add(p.name());
                }
            }
        }
        StringBuilder sb = new StringBuilder("Unknown model '").append(requested).append('\'').append(where).append('.');
        ModelNames.closest(requested, everyName).ifPresent(c -> sb.append(" Did you mean '").append(c).append("'?"));
        sb.append(models.isEmpty() ? " No provider lists its models." : " Models: " + String.join(", ", models) + ";")
                .append(" aliases: see g4j --list-models.");
        if (where.isEmpty() && !open.isEmpty()) {
            sb.append(" To ask a server for a model it does not list, pin it, e.g. -m ").append(open.get(0)).append(':')
                    .append(requested).append(" (open model lists: ").append(String.join(", ", open)).append(").");
        }
        return new ModelNotFoundException(sb.toString(), cause);
    }

    /** "qwen2.5-72b-instruct (Qwen_Qwen_2_5)". */
    String describe() {
        return (model == null ? "its default model" : model) + " (" + provider + ")";
    }

    private static String defaultModel(AsyncGeneratorProvider p) {
        try {
            return p instanceof ProviderModelMixin m ? m.defaultModel() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String canonical(AsyncGeneratorProvider p, String model) {
        try {
            return p instanceof ProviderModelMixin m ? m.getModel(model) : model;
        } catch (RuntimeException e) {
            return model;
        }
    }

    private static boolean openList(ProviderModelMixin m) {
        try {
            return m.acceptsUnlistedModels();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
