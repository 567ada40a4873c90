package dev.g4j.provider.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Per-request settings. Immutable; make one with {@link #builder()} or start from {@link #defaults()}. Timeouts
 * follow g4f: 120 s of silence, 600 s in all; the registry enforces them for every provider.
 *
 * <pre>{@code
 * ProviderOptions options = ProviderOptions.builder()
 *         .proxy("socks5://127.0.0.1:1080")
 *         .idleTimeout(Duration.ofSeconds(30))
 *         .temperature(0.2)
 *         .maxTokens(500)
 *         .build();
 * }</pre>
 *
 * <p>The typed generation parameters ({@link GenerationParameter}) are honoured by the providers that list them in
 * {@link AsyncGeneratorProvider#supportedParameters()}; the registry announces the ignored ones with a
 * {@link ResponseChunk.Notice}. The API key is a {@link Secret}: it never shows in {@link #toString()}.
 */
public final class ProviderOptions {
    /** Default time allowed to open a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default longest silence between two upstream events. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** Default time allowed for the whole request. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(600);

    private static final Set<String> PROXY_SCHEMES = Set.of("http", "https", "socks4", "socks4a", "socks5", "socks5h");
    private static final ProviderOptions DEFAULTS = new Builder().build();

    private final URI proxy;
    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration totalTimeout;
    private final Map<String, Object> params;
    private final Double temperature;
    private final Double topP;
    private final Integer maxTokens;
    private final List<String> stop;
    private final Long seed;
    private final Secret apiKey;

    private ProviderOptions(Builder b) {
        this.temperature = b.temperature;
        this.topP = b.topP;
        this.maxTokens = b.maxTokens;
        this.stop = b.stop;
        this.seed = b.seed;
        this.apiKey = b.apiKey;
        this.proxy = b.proxy;
        this.baseUrl = b.baseUrl;
        this.connectTimeout = b.connectTimeout;
        this.idleTimeout = b.idleTimeout;
        this.totalTimeout = b.totalTimeout;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
    }

    /**
     * The options with every default: no proxy, the provider's own endpoint, g4f's timeouts, no generation
     * parameter, no API key.
     *
     * @return the default options
     */
    public static ProviderOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts a builder with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from these options.
     *
     * @return a new builder holding these settings
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.temperature = temperature;
        b.topP = topP;
        b.maxTokens = maxTokens;
        b.stop = stop;
        b.seed = seed;
        b.apiKey = apiKey;
        b.proxy = proxy;
        b.baseUrl = baseUrl;
        b.connectTimeout = connectTimeout;
        b.idleTimeout = idleTimeout;
        b.totalTimeout = totalTimeout;
        b.params.putAll(params);
        return b;
    }

    /**
     * The proxy to go through: scheme {@code http}, {@code https}, {@code socks4}, {@code socks4a}, {@code socks5} or
     * {@code socks5h}, with optional {@code user:password@} credentials.
     *
     * @return the proxy URL, or empty for a direct connection
     */
    public Optional<URI> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * An endpoint that replaces the provider's own (a self-hosted copy, a simulator), without a trailing slash.
     *
     * @return the endpoint, or empty for the provider's own
     */
    public Optional<URI> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /**
     * The time allowed to open a connection.
     *
     * @return a positive duration
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The longest silence allowed between two upstream events (heartbeats count as events) while the consumer waits.
     *
     * @return a positive duration
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * The time allowed for the whole request, failover included, counted from subscription.
     *
     * @return a positive duration
     */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /**
     * The sampling temperature.
     *
     * @return 0 to 2, or empty for the provider's default
     */
    public Optional<Double> temperature() {
        return Optional.ofNullable(temperature);
    }

    /**
     * The nucleus sampling mass.
     *
     * @return above 0 and at most 1, or empty for the provider's default
     */
    public Optional<Double> topP() {
        return Optional.ofNullable(topP);
    }

    /**
     * The most tokens to generate.
     *
     * @return at least 1, or empty for the provider's default
     */
    public Optional<Integer> maxTokens() {
        return Optional.ofNullable(maxTokens);
    }

    /**
     * The sequences that end the answer.
     *
     * @return an unmodifiable list, empty when none is set
     */
    public List<String> stop() {
        return stop;
    }

    /**
     * The seed for reproducible sampling.
     *
     * @return the seed, or empty for none
     */
    public Optional<Long> seed() {
        return Optional.ofNullable(seed);
    }

    /**
     * The generation parameters that are set.
     *
     * @return a new set, empty when none is set
     */
    public Set<GenerationParameter> generationParameters() {
        Set<GenerationParameter> set = EnumSet.noneOf(GenerationParameter.class);
        if (temperature != null) {
            set.add(GenerationParameter.TEMPERATURE);
        }
        if (topP != null) {
            set.add(GenerationParameter.TOP_P);
        }
        if (maxTokens != null) {
            set.add(GenerationParameter.MAX_TOKENS);
        }
        if (!stop.isEmpty()) {
            set.add(GenerationParameter.STOP);
        }
        if (seed != null) {
            set.add(GenerationParameter.SEED);
        }
        return set;
    }

    /**
     * The credential to send upstream: the API key when set, else the provider-specific parameter
     * {@code bearerToken} (kept for compatibility).
     *
     * @return the credential, or empty for none
     */
    public Optional<Secret> apiKey() {
        if (apiKey != null) {
            return Optional.of(apiKey);
        }
        Object token = params.get("bearerToken");
        if (token instanceof Secret) {
            return Optional.of((Secret) token);
        }
        return token == null || token.toString().isBlank() ? Optional.empty() : Optional.of(Secret.of(token.toString()));
    }

    /**
     * Provider-specific settings, in the order they were set.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> params() {
        return params;
    }

    /**
     * One provider-specific setting.
     *
     * @param name the setting's name
     * @return its value, or empty when it is not set
     */
    public Optional<Object> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ProviderOptions)) {
            return false;
        }
        ProviderOptions that = (ProviderOptions) o;
        return Objects.equals(proxy, that.proxy) && Objects.equals(baseUrl, that.baseUrl)
                && connectTimeout.equals(that.connectTimeout) && idleTimeout.equals(that.idleTimeout)
                && totalTimeout.equals(that.totalTimeout) && params.equals(that.params)
                && Objects.equals(temperature, that.temperature) && Objects.equals(topP, that.topP)
                && Objects.equals(maxTokens, that.maxTokens) && stop.equals(that.stop)
                && Objects.equals(seed, that.seed) && Objects.equals(apiKey, that.apiKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(proxy, baseUrl, connectTimeout, idleTimeout, totalTimeout, params, temperature, topP,
                maxTokens, stop, seed);
    }

    /**
     * Shows every field; credentials in the proxy and base URLs and the API key are masked, provider-specific
     * parameter values are left out.
     */
    @Override
    public String toString() {
        return "ProviderOptions{proxy=" + (proxy == null ? "none" : Redaction.maskUserInfo(proxy.toString()))
                + ", baseUrl=" + (baseUrl == null ? "default" : Redaction.maskUserInfo(baseUrl.toString()))
                + ", connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout
                + ", totalTimeout=" + totalTimeout
                + (temperature == null ? "" : ", temperature=" + temperature)
                + (topP == null ? "" : ", topP=" + topP)
                + (maxTokens == null ? "" : ", maxTokens=" + maxTokens)
                + (stop.isEmpty() ? "" : ", stop=" + stop.size() + " sequence(s)")
                + (seed == null ? "" : ", seed=" + seed)
                + (apiKey == null ? "" : ", apiKey=***")
                + ", params=" + params.keySet() + "}";
    }

    /** Builds {@link ProviderOptions}. Every setter validates at once and says what is wrong. */
    public static final class Builder {
        private URI proxy;
        private URI baseUrl;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration totalTimeout = DEFAULT_TOTAL_TIMEOUT;
        private final Map<String, Object> params = new LinkedHashMap<>();
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private List<String> stop = List.of();
        private Long seed;
        private Secret apiKey;

        private Builder() {
        }

        /**
         * Routes requests through a proxy, e.g. {@code http://user:pass@host:3128} or {@code socks5://host:1080};
         * null or blank removes it. Error messages never show the credentials.
         *
         * @param proxyUrl the proxy URL
         * @return this builder
         * @throws IllegalArgumentException when the URL is malformed, has another scheme, or lacks a host or port
         */
        public Builder proxy(String proxyUrl) {
            if (proxyUrl == null || proxyUrl.isBlank()) {
                this.proxy = null;
                return this;
            }
            String shown = Redaction.maskUserInfo(proxyUrl);
            URI uri = parse(proxyUrl.strip(), "proxy", shown);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || !PROXY_SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException("Unsupported proxy URL '" + shown
                        + "': the scheme must be one of " + PROXY_SCHEMES + ", e.g. http://host:3128 or socks5://host:1080");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("Proxy URL '" + shown + "' has no host; write it as scheme://[user:password@]host:port");
            }
            if (uri.getPort() < 0) {
                throw new IllegalArgumentException("Proxy URL '" + shown + "' has no port; write it as scheme://[user:password@]host:port");
            }
            checkPort(uri, shown, "Proxy");
            this.proxy = uri;
            return this;
        }

        /**
         * Sends requests to this endpoint instead of the provider's own; null or blank restores the default.
         *
         * @param url an absolute http or https URL
         * @return this builder
         * @throws IllegalArgumentException unless it is an absolute http or https URL with a host
         */
        public Builder baseUrl(String url) {
            if (url == null || url.isBlank()) {
                this.baseUrl = null;
                return this;
            }
            String trimmed = url.strip();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            String shown = Redaction.maskUserInfo(url);
            URI uri = parse(trimmed, "base", shown);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("Base URL '" + shown + "' must be an absolute http:// or https:// URL with a host, e.g. http://127.0.0.1:7860");
            }
            if (uri.getPort() >= 0) {
                checkPort(uri, shown, "Base");
            }
            this.baseUrl = uri;
            return this;
        }

        /**
         * Sets the time allowed to open a connection.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is null, zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the longest silence allowed between two upstream events while the consumer waits for more.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is null, zero or negative
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * Sets the time allowed for the whole request, failover included.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is null, zero or negative
         */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout, "totalTimeout");
            return this;
        }

        /**
         * Sets the sampling temperature.
         *
         * @param temperature 0 to 2
         * @return this builder
         * @throws IllegalArgumentException when out of range or not a number
         */
        public Builder temperature(double temperature) {
            if (!(temperature >= 0 && temperature <= 2)) {
                throw new IllegalArgumentException("temperature must be between 0 and 2, got " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /**
         * Sets the nucleus sampling mass.
         *
         * @param topP above 0 and at most 1
         * @return this builder
         * @throws IllegalArgumentException when out of range or not a number
         */
        public Builder topP(double topP) {
            if (!(topP > 0 && topP <= 1)) {
                throw new IllegalArgumentException("topP must be above 0 and at most 1, got " + topP);
            }
            this.topP = topP;
            return this;
        }

        /**
         * Sets the most tokens to generate.
         *
         * @param maxTokens at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /**
         * Sets the sequences that end the answer; an empty list removes them.
         *
         * @param stop the sequences, none null or empty
         * @return this builder
         * @throws IllegalArgumentException when the list or one of its sequences is null or empty
         */
        public Builder stop(List<String> stop) {
            if (stop == null) {
                throw new IllegalArgumentException("stop must not be null; pass an empty list to remove it");
            }
            List<String> copy = new ArrayList<>(stop.size());
            for (String s : stop) {
                if (s == null || s.isEmpty()) {
                    throw new IllegalArgumentException("A stop sequence must not be null or empty");
                }
                copy.add(s);
            }
            this.stop = List.copyOf(copy);
            return this;
        }

        /**
         * Sets the sequences that end the answer.
         *
         * @param stop the sequences, none null or empty
         * @return this builder
         * @throws IllegalArgumentException when a sequence is null or empty
         */
        public Builder stop(String... stop) {
            return stop(stop == null ? null : List.of(stop));
        }

        /**
         * Sets the seed for reproducible sampling.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Removes every generation parameter, so the provider's defaults apply.
         *
         * @return this builder
         */
        public Builder clearGenerationParameters() {
            temperature = null;
            topP = null;
            maxTokens = null;
            stop = List.of();
            seed = null;
            return this;
        }

        /**
         * Sets the API key or bearer token sent upstream; null or blank removes it. It is kept as a {@link Secret}.
         *
         * @param apiKey the credential
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey == null || apiKey.isBlank() ? null : Secret.of(apiKey);
            return this;
        }

        /**
         * Sets the API key or bearer token sent upstream; null removes it.
         *
         * @param apiKey the credential
         * @return this builder
         */
        public Builder apiKey(Secret apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Sets a provider-specific setting; a null value removes it.
         *
         * @param name the setting's name, not blank
         * @param value its value, or null to remove it
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is null or blank
         */
        public Builder param(String name, Object value) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A parameter name must not be null or blank");
            }
            if (value == null) {
                params.remove(name);
            } else {
                params.put(name, value);
            }
            return this;
        }

        /**
         * Builds the options.
         *
         * @return immutable options
         */
        public ProviderOptions build() {
            return new ProviderOptions(this);
        }

        private static URI parse(String url, String what, String shown) {
            try {
                return new URI(url);
            } catch (URISyntaxException e) {
                // The exception's own input echo would show the credentials; keep only the reason, not the cause.
                throw new IllegalArgumentException("Malformed " + what + " URL '" + shown + "': "
                        + Redaction.maskUserInfo(e.getReason()));
            }
        }

        /** java.net.URI accepts any number of digits as a port; a socket does not. */
        private static void checkPort(URI uri, String given, String what) {
            if (uri.getPort() < 1 || uri.getPort() > 65535) {
                throw new IllegalArgumentException(what + " URL '" + given + "' has port " + uri.getPort()
                        + "; a TCP port is 1 to 65535");
            }
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
            }
            return d;
        }
    }
}
