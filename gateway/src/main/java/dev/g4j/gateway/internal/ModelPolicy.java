package dev.g4j.gateway.internal;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.registry.ProviderRegistry;

import java.util.Optional;

/**
 * Refuses model names that would make the gateway fetch an address its caller chose: anything with {@code ://},
 * and, for providers whose unlisted model names are addresses (a Space, a host or a URL:
 * {@link ProviderModelMixin#unlistedModelsAreAddresses()}), every name they do not list. Unlisted names of a
 * provider's own server (a model pulled into a local Ollama) pass. The operator lifts the rule with
 * {@code allowCallerUrls}.
 */
public final class ModelPolicy {
    private final ProviderRegistry registry;
    private final boolean allowCallerUrls;

    /**
     * Creates the policy.
     *
     * @param registry resolves the names
     * @param allowCallerUrls true to let callers name any address
     */
    public ModelPolicy(ProviderRegistry registry, boolean allowCallerUrls) {
        this.registry = registry;
        this.allowCallerUrls = allowCallerUrls;
    }

    /**
     * Checks a requested model.
     *
     * @param model the model, or null for the default
     * @throws BadRequestException when the name addresses something the caller chose
     */
    public void check(String model) {
        if (allowCallerUrls || model == null || model.isBlank()) {
            return;
        }
        if (model.contains("://")) {
            throw refused(model, "it contains an address");
        }
        if (!registry.providersFor(model).isEmpty()) {
            return;
        }
        int colon = model.indexOf(':');
        if (colon < 0) {
            return;
        }
        String modelPart = model.substring(colon + 1).strip();
        Optional<AsyncGeneratorProvider> provider = registry.find(model.substring(0, colon).strip());
        if (modelPart.isEmpty() || provider.isEmpty() || !(provider.get() instanceof ProviderModelMixin)) {
            return;
        }
        ProviderModelMixin mixin = (ProviderModelMixin) provider.get();
        if (mixin.acceptsUnlistedModels() && mixin.unlistedModelsAreAddresses() && !lists(mixin, modelPart)) {
            throw refused(model, provider.get().name() + " takes addresses as model names, which can reach any server");
        }
    }

    /** Whether {@code name} is the provider's default model, one of its models or an alias, ignoring case. */
    static boolean lists(ProviderModelMixin mixin, String name) {
        if (name.equalsIgnoreCase(mixin.defaultModel())) {
            return true;
        }
        for (String m : mixin.models()) {
            if (m.equalsIgnoreCase(name)) {
                return true;
            }
        }
        for (String alias : mixin.modelAliases().keySet()) {
            if (alias.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static BadRequestException refused(String model, String why) {
        return new BadRequestException(new ApiError(400, "Model '" + model + "' is refused: " + why
                + ", and this gateway does not fetch addresses chosen by its callers. Use a model from GET /v1/models;"
                + " the operator can allow such names (G4jGateway.Builder.allowCallerUrls, g4j serve --allow-caller-urls).",
                "invalid_request_error", "model", "model_not_allowed", null));
    }
}
