package dev.g4j.provider.openai.internal;

import dev.g4j.provider.api.ProviderEntry;
import dev.g4j.provider.api.ProviderOutcome;
import dev.g4j.provider.openai.OpenAiCompatibleProvider;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Turns one providers-file entry of type {@code openai} into a provider, or says why it cannot. */
public final class EntryReader {
    /** The keys an entry may have. */
    public static final List<String> KEYS = List.of("type", "name", "label", "baseUrl", "apiKeyEnv", "models",
            "aliases", "defaultModel", "headers", "stream", "openModels", "local");
    private static final Set<String> KEY_LIKE = Set.of("apikey", "api_key", "key", "token", "bearertoken", "secret", "password");
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "x-api-key", "api-key", "proxy-authorization");

    private EntryReader() {
    }

    /**
     * Reads an entry.
     *
     * @param entry the entry
     * @param environment reads environment variables
     * @return {@link ProviderOutcome.Created} (origin CONFIGURED) or {@link ProviderOutcome.Rejected}
     */
    public static ProviderOutcome read(ProviderEntry entry, Function<String, String> environment) {
        Object rawName = entry.values().get("name");
        String shownName = rawName instanceof String && !((String) rawName).isBlank() ? (String) rawName : "(unnamed openai entry)";
        try {
            for (String key : entry.values().keySet()) {
                if (KEY_LIKE.contains(key.toLowerCase(Locale.ROOT))) {
                    return reject(shownName, entry, "it holds '" + key + "': never write a key in the providers file. Put "
                            + "the key in an environment variable and name that variable with \"apiKeyEnv\", e.g. \"apiKeyEnv\": \"MY_SERVER_KEY\"");
                }
            }
            for (String key : entry.values().keySet()) {
                if (!KEYS.contains(key)) {
                    return reject(shownName, entry, "unknown key '" + key + "'; an openai entry may have " + String.join(", ", KEYS));
                }
            }
            String name = entry.string("name");
            if (name == null || name.isBlank()) {
                return reject(shownName, entry, "'name' is required, e.g. \"name\": \"MyServer\"");
            }
            String baseUrl = entry.string("baseUrl");
            if (baseUrl == null || baseUrl.isBlank()) {
                return reject(shownName, entry, "'baseUrl' is required, e.g. \"baseUrl\": \"http://localhost:11434/v1\"");
            }
            Map<String, String> headers = entry.stringMap("headers");
            for (String h : headers.keySet()) {
                if (SECRET_HEADERS.contains(h.toLowerCase(Locale.ROOT))) {
                    return reject(shownName, entry, "header '" + h + "' would put a credential in the providers file; "
                            + "name the key's environment variable with \"apiKeyEnv\" instead");
                }
            }
            List<String> models = entry.strings("models");
            boolean open = bool(entry, "openModels", models.isEmpty());
            OpenAiCompatibleProvider.Builder b = OpenAiCompatibleProvider.builder()
                    .name(name.strip())
                    .label(entry.string("label"))
                    .baseUrl(baseUrl)
                    .apiKeyEnv(entry.string("apiKeyEnv"))
                    .models(models)
                    .aliases(entry.stringMap("aliases"))
                    .defaultModel(entry.string("defaultModel"))
                    .openModelList(open)
                    .supportsStream(bool(entry, "stream", true))
                    .local(bool(entry, "local", isLoopback(baseUrl)))
                    .environment(environment);
            headers.forEach(b::header);
            return new ProviderOutcome.Created(b.build(), ProviderOutcome.Origin.CONFIGURED);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return reject(shownName, entry, e.getMessage());
        }
    }

    private static ProviderOutcome reject(String name, ProviderEntry entry, String why) {
        return new ProviderOutcome.Rejected(name, entry.source(), why);
    }

    private static boolean bool(ProviderEntry entry, String key, boolean absent) {
        Object v = entry.values().get(key);
        if (v == null) {
            return absent;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new IllegalArgumentException("'" + key + "' must be true or false");
    }

    private static boolean isLoopback(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host != null && (host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
