package dev.g4j.provider.gradiochat.internal;

import dev.g4j.provider.api.FactoryContext;
import dev.g4j.provider.api.ProviderEntry;
import dev.g4j.provider.api.ProviderFactory;
import dev.g4j.provider.api.ProviderOutcome;
import dev.g4j.provider.gradiochat.GradioChatSpec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns providers-file entries of type {@value #TYPE} into named providers of configured Gradio chat apps:
 * <pre>{@code
 * {"name": "MyApp", "type": "gradio", "url": "http://127.0.0.1:7860",   (or "space": "owner/name")
 *  "apiName": "chat", "models": ["a", "b"], "aliases": {"short": "a"}, "defaultModel": "a", "tokenEnv": "MY_TOKEN"}
 * }</pre>
 * Only {@code name} and one of {@code url} or {@code space} are required. Without {@code apiName} the chat
 * endpoint, its inputs and format are detected from the app's {@code /config} at each request (cached). With
 * {@code apiName}, the endpoint is that one, laid out as detected. A token is never written in the file:
 * {@code tokenEnv} names the variable that holds it, and an entry carrying a token is rejected.
 */
public final class GradioAppFactory implements ProviderFactory {
    /** The entry type. */
    public static final String TYPE = "gradio";

    private static final Set<String> KEYS = Set.of("name", "type", "url", "space", "apiName", "models", "aliases",
            "defaultModel", "tokenEnv", "label");
    private static final Set<String> SECRET_KEYS = Set.of("token", "apikey", "api_key", "hf_token", "bearertoken",
            "password", "secret", "authorization");

    /** For {@link java.util.ServiceLoader}: cheap, no I/O. */
    public GradioAppFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ProviderOutcome> createProviders(FactoryContext context) {
        List<ProviderOutcome> outcomes = new ArrayList<>();
        for (ProviderEntry entry : context.entries()) {
            String name = String.valueOf(entry.values().getOrDefault("name", "(unnamed)"));
            try {
                outcomes.add(create(entry, context));
            } catch (IllegalArgumentException e) {
                outcomes.add(new ProviderOutcome.Rejected(name, entry.source(), e.getMessage()));
            }
        }
        return outcomes;
    }

    private static ProviderOutcome create(ProviderEntry entry, FactoryContext context) {
        for (String key : entry.values().keySet()) {
            if (SECRET_KEYS.contains(key.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("'" + key + "' must not be in the providers file; put the token in an"
                        + " environment variable and name it with \"tokenEnv\"");
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'; a gradio entry takes " + KEYS);
            }
        }
        String name = entry.string("name");
        if (name == null) {
            throw new IllegalArgumentException("the entry has no \"name\"");
        }
        String url = entry.string("url");
        String space = entry.string("space");
        GradioChatSpec.Builder b = AnyGradioAppProvider.appBuilder(name);
        if (url != null) {
            b.url(uri(url));
        }
        if (space != null) {
            b.spaceId(space);
        }
        if (entry.string("label") != null) {
            b.label(entry.string("label"));
        }
        b.models(entry.strings("models").toArray(String[]::new));
        for (Map.Entry<String, String> alias : entry.stringMap("aliases").entrySet()) {
            b.alias(alias.getKey(), alias.getValue());
        }
        b.defaultModel(entry.string("defaultModel"));
        String tokenEnv = entry.string("tokenEnv");
        b.tokenEnv(tokenEnv);
        String apiName = entry.string("apiName");
        if (apiName != null && apiName.isBlank()) {
            throw new IllegalArgumentException("\"apiName\" is blank; give the endpoint's api_name or leave it out");
        }
        GradioChatSpec app = b.build();
        if (tokenEnv != null && context.env(tokenEnv) == null) {
            return new ProviderOutcome.Disabled(name, "the variable " + tokenEnv + " (its tokenEnv) is not set; set it to"
                    + " the app's token");
        }
        return new ProviderOutcome.Created(AnyGradioAppProvider.configured(app, apiName, context::env),
                ProviderOutcome.Origin.CONFIGURED);
    }

    private static URI uri(String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'url' is not a URL: " + e.getReason());
        }
    }
}
