package dev.g4j.provider.openai;

import dev.g4j.provider.api.AsyncGeneratorProvider;
import dev.g4j.provider.api.AsyncResult;
import dev.g4j.provider.api.GenerationParameter;
import dev.g4j.provider.api.Messages;
import dev.g4j.provider.api.ModelNotFoundException;
import dev.g4j.provider.api.ProviderModelMixin;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.Redaction;
import dev.g4j.provider.api.Secret;
import dev.g4j.provider.openai.internal.ChatBody;
import dev.g4j.provider.openai.internal.ChatExchange;
import dev.g4j.provider.openai.internal.Endpoint;
import dev.g4j.provider.openai.internal.ModelDiscovery;
import dev.g4j.provider.openai.internal.Transport;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A provider for any server that speaks the OpenAI Chat Completions API: a local model server (Ollama, llama.cpp,
 * LM Studio, vLLM) or a hosted API (OpenRouter, Groq, OpenAI, ...).
 *
 * <pre>{@code
 * OpenAiCompatibleProvider ollama = OpenAiCompatibleProvider.builder()
 *         .name("MyOllama")
 *         .baseUrl("http://localhost:11434/v1")
 *         .defaultModel("qwen2.5:7b")
 *         .openModelList(true)
 *         .build();
 * String answer = ollama.createAsyncGenerator(null, Messages.ofUser("Hi")).text().join();
 * }</pre>
 *
 * <p>It sends {@code POST {base}/chat/completions} with the conversation's native roles and the typed parameters
 * (temperature, top_p, max_tokens, stop, seed), streamed with usage unless built with
 * {@code supportsStream(false)}, and maps {@code content} to {@code Text}, {@code reasoning_content} or
 * {@code reasoning} to {@code Reasoning}, {@code usage} to {@code Usage} and {@code finish_reason} to
 * {@code Finish}. The key goes in {@code Authorization: Bearer}: {@link ProviderOptions#apiKey()} when set, else the
 * key or environment variable the provider was built with; it never appears in messages. Redirects are not
 * followed. Failures are typed: see {@code docs/openai-providers.md}.
 *
 * <p>The descriptive methods do no I/O. Every OpenAI-compatible provider shares one Vert.x event-loop group and
 * HTTP client, started by the first request of any of them and closed when the last one that used it is
 * {@linkplain #close() closed}. Thread-safe.
 */
public final class OpenAiCompatibleProvider implements AsyncGeneratorProvider, ProviderModelMixin {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Set<GenerationParameter> PARAMETERS = Collections.unmodifiableSet(EnumSet.allOf(GenerationParameter.class));

    private final Endpoint endpoint;
    private final String label;
    private final List<String> models;
    private final Map<String, String> aliases;
    private final String defaultModel;
    private final boolean openModelList;
    private final Function<String, String> environment;
    private final Transport transport = new Transport();

    private OpenAiCompatibleProvider(Builder b) {
        this.label = b.label == null ? b.name : b.label;
        this.models = List.copyOf(b.models);
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(b.aliases));
        this.defaultModel = b.defaultModel != null ? b.defaultModel : models.isEmpty() ? null : models.get(0);
        this.openModelList = b.openModelList;
        this.environment = b.environment;
        this.endpoint = new Endpoint(b.name, b.baseUrl, b.apiKeyEnv, b.apiKey, b.headers, b.stream, b.local,
                b.startAdvice, models);
    }

    /**
     * Starts a builder; {@code name} and {@code baseUrl} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return endpoint.name();
    }

    @Override
    public String label() {
        return label;
    }

    /** The base URL, e.g. {@code http://localhost:11434/v1}. */
    @Override
    public String url() {
        return endpoint.baseUrl();
    }

    @Override
    public boolean working() {
        return true;
    }

    /** True when the provider was built with a key or a key variable. */
    @Override
    public boolean needsAuth() {
        return endpoint.apiKeyEnv() != null || endpoint.apiKey() != null;
    }

    @Override
    public boolean supportsStream() {
        return endpoint.stream();
    }

    @Override
    public boolean supportsSystemMessage() {
        return true;
    }

    @Override
    public boolean supportsMessageHistory() {
        return true;
    }

    /** Its own watchdog counts every byte from the server, keep-alive comments included. */
    @Override
    public boolean enforcesIdleTimeout() {
        return true;
    }

    /** All five: temperature, top_p, max_tokens, stop and seed are sent as such. */
    @Override
    public Set<GenerationParameter> supportedParameters() {
        return PARAMETERS;
    }

    @Override
    public String defaultModel() {
        return defaultModel;
    }

    @Override
    public List<String> models() {
        return models;
    }

    @Override
    public Map<String, String> modelAliases() {
        return aliases;
    }

    @Override
    public boolean acceptsUnlistedModels() {
        return openModelList;
    }

    /**
     * Whether the server runs on this machine (a refused connection then advises starting it).
     *
     * @return true for a local server
     */
    public boolean local() {
        return endpoint.local();
    }

    /**
     * The environment variable the key is read from.
     *
     * @return the variable's name, or null when the provider has none
     */
    public String apiKeyEnv() {
        return endpoint.apiKeyEnv();
    }

    /**
     * Prepares a chat request; nothing is sent until the result is subscribed to.
     *
     * @param model a model name or alias; null or blank for the default model; with an open model list any name
     * @param messages the conversation
     * @param options proxy, base URL, timeouts, key and typed parameters
     * @return the streamed answer
     * @throws ModelNotFoundException when the model is not served, or none is named and there is no default
     */
    @Override
    public AsyncResult createAsyncGenerator(String model, Messages messages, ProviderOptions options) {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(options, "options");
        String resolved = getModel(model);
        if (resolved == null || resolved.isBlank()) {
            throw new ModelNotFoundException(name() + " has no default model: name one, e.g. '" + name() + ":<model>'"
                    + (openModelList ? " (list the server's models with --list-models)." : "."));
        }
        byte[] body = ChatBody.encode(resolved, messages, options, endpoint.stream());
        return AsyncResult.create(sink -> new ChatExchange(transport, endpoint, resolved, body, endpoint.stream(),
                options, sink, environment).start());
    }

    /**
     * Lists the models the server reports with {@code GET {base}/models}, within a short time limit (at most 5 s,
     * less when the options' timeouts are shorter).
     *
     * @param options proxy, base URL, key and timeouts
     * @return the model ids in server order; fails with a typed {@link dev.g4j.provider.api.ProviderException}
     *         (refused connection, timeout, HTTP status)
     */
    @Override
    public CompletableFuture<List<String>> discoverModels(ProviderOptions options) {
        Objects.requireNonNull(options, "options");
        return ModelDiscovery.list(transport, endpoint, options, environment);
    }

    /** Releases the event loop and connections. Idempotent. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleProvider{" + name() + ", " + Redaction.maskUserInfo(url()) + "}";
    }

    /** Builds an {@link OpenAiCompatibleProvider}. Every setter checks its value and says what is wrong. */
    public static final class Builder {
        private String name;
        private String label;
        private String baseUrl;
        private String apiKeyEnv;
        private Secret apiKey;
        private final List<String> models = new ArrayList<>();
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private String defaultModel;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean openModelList;
        private boolean stream = true;
        private boolean local;
        private String startAdvice;
        private Function<String, String> environment = System::getenv;

        private Builder() {
        }

        /**
         * The provider's name, used for lookup and pinning ({@code Name:model}).
         *
         * @param name letters, digits, {@code _ . -}; no colon; at most 64 characters
         * @return this builder
         * @throws IllegalArgumentException when the name has other characters
         */
        public Builder name(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Provider name '" + name + "' is not valid: use letters, digits, '_', '.' "
                        + "or '-' (no colon, which separates provider and model), at most 64 characters");
            }
            this.name = name;
            return this;
        }

        /**
         * A human-readable name; defaults to the name.
         *
         * @param label the label
         * @return this builder
         */
        public Builder label(String label) {
            this.label = label;
            return this;
        }

        /**
         * The server's base URL, to which {@code /chat/completions} and {@code /models} are appended.
         *
         * @param baseUrl an absolute http or https URL, e.g. {@code http://localhost:11434/v1}
         * @return this builder
         * @throws IllegalArgumentException unless it is an absolute http or https URL with a host
         */
        public Builder baseUrl(String baseUrl) {
            if (baseUrl == null || baseUrl.isBlank()) {
                throw new IllegalArgumentException("The base URL is required, e.g. http://localhost:11434/v1");
            }
            String trimmed = baseUrl.strip();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (Exception e) {
                throw new IllegalArgumentException("Base URL '" + Redaction.maskUserInfo(baseUrl) + "' is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("Base URL '" + Redaction.maskUserInfo(baseUrl)
                        + "' must be an absolute http:// or https:// URL with a host, e.g. http://localhost:11434/v1");
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("Base URL '" + Redaction.maskUserInfo(baseUrl)
                        + "' must not carry credentials, a query or a fragment; put the key in an environment variable");
            }
            this.baseUrl = trimmed;
            return this;
        }

        /**
         * The environment variable that holds the key, read at each request (unless a key is set).
         *
         * @param apiKeyEnv a variable name such as {@code GROQ_API_KEY}, or null for none
         * @return this builder
         * @throws IllegalArgumentException when it is not a valid variable name
         */
        public Builder apiKeyEnv(String apiKeyEnv) {
            if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
                throw new IllegalArgumentException("'" + apiKeyEnv + "' is not an environment variable name; use letters, digits and '_'");
            }
            this.apiKeyEnv = apiKeyEnv;
            return this;
        }

        /**
         * A key to send, in place of the environment variable.
         *
         * @param apiKey the key, or null for none
         * @return this builder
         */
        public Builder apiKey(Secret apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The models the server is known to serve; the first is the default unless {@link #defaultModel(String)} is
         * set.
         *
         * @param models model ids
         * @return this builder
         * @throws IllegalArgumentException when a name is blank
         */
        public Builder models(List<String> models) {
            this.models.clear();
            for (String m : models) {
                if (m == null || m.isBlank()) {
                    throw new IllegalArgumentException("A model name must not be blank");
                }
                if (!this.models.contains(m.strip())) {
                    this.models.add(m.strip());
                }
            }
            return this;
        }

        /**
         * Short names for models, e.g. {@code "llama-3.3-70b" -> "meta-llama/Llama-3.3-70B-Instruct"}.
         *
         * @param aliases alias to model
         * @return this builder
         * @throws IllegalArgumentException when an alias or target is blank
         */
        public Builder aliases(Map<String, String> aliases) {
            this.aliases.clear();
            aliases.forEach((k, v) -> {
                if (k == null || k.isBlank() || v == null || v.isBlank()) {
                    throw new IllegalArgumentException("An alias and its model must not be blank");
                }
                this.aliases.put(k.strip(), v.strip());
            });
            return this;
        }

        /**
         * The model used when none is named.
         *
         * @param defaultModel a model id, or null for the first listed model
         * @return this builder
         */
        public Builder defaultModel(String defaultModel) {
            this.defaultModel = defaultModel == null || defaultModel.isBlank() ? null : defaultModel.strip();
            return this;
        }

        /**
         * Adds a request header, such as OpenRouter's {@code HTTP-Referer}.
         *
         * @param name the header name; not {@code Authorization} (the key comes from the key settings)
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException for {@code Authorization}, or a name or value with line breaks
         */
        public Builder header(String name, String value) {
            if (name == null || name.isBlank() || value == null || name.matches(".*[\\r\\n:].*") || value.matches("(?s).*[\\r\\n].*")) {
                throw new IllegalArgumentException("Header '" + name + "' is not valid: a name without ':' and values without line breaks");
            }
            if (name.equalsIgnoreCase("authorization")) {
                throw new IllegalArgumentException("Do not set the Authorization header: name the key's environment variable with apiKeyEnv");
            }
            headers.put(name, value);
            return this;
        }

        /**
         * Whether the server serves models it does not list (a local server serves whatever was pulled): then
         * {@code Name:any-model} passes the name through.
         *
         * @param open true for an open model list
         * @return this builder
         */
        public Builder openModelList(boolean open) {
            this.openModelList = open;
            return this;
        }

        /**
         * Whether to ask for a streamed answer (the default); false for servers that cannot stream.
         *
         * @param stream false to ask for the whole answer at once
         * @return this builder
         */
        public Builder supportsStream(boolean stream) {
            this.stream = stream;
            return this;
        }

        /**
         * Marks a server on this machine: a refused connection then asks whether it runs.
         *
         * @param local true for a local server
         * @return this builder
         */
        public Builder local(boolean local) {
            this.local = local;
            return this;
        }

        /**
         * How to start the local server, shown when the connection is refused, e.g. {@code start it with `ollama serve`}.
         *
         * @param advice the advice, or null
         * @return this builder
         */
        public Builder startAdvice(String advice) {
            this.startAdvice = advice;
            return this;
        }

        /**
         * Where {@link #apiKeyEnv(String)} is looked up; the default is {@link System#getenv(String)}.
         *
         * @param environment variable name to value (null when unset)
         * @return this builder
         */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Builds the provider; does no I/O.
         *
         * @return the provider
         * @throws IllegalStateException when the name or base URL is missing, or the default model or an alias
         *         target is not listed and the model list is closed
         */
        public OpenAiCompatibleProvider build() {
            if (name == null) {
                throw new IllegalStateException("A provider needs a name");
            }
            if (baseUrl == null) {
                throw new IllegalStateException("Provider " + name + " needs a base URL, e.g. http://localhost:11434/v1");
            }
            if (!openModelList) {
                if (defaultModel != null && !models.contains(defaultModel)) {
                    throw new IllegalStateException("The default model '" + defaultModel + "' of " + name
                            + " is not among its models " + models + "; list it, or make the model list open");
                }
                for (Map.Entry<String, String> a : aliases.entrySet()) {
                    if (!models.contains(a.getValue())) {
                        throw new IllegalStateException("Alias '" + a.getKey() + "' of " + name + " points to '" + a.getValue()
                                + "', which is not among its models " + models);
                    }
                }
            }
            return new OpenAiCompatibleProvider(this);
        }
    }
}
