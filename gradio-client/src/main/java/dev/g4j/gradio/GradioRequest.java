package dev.g4j.gradio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.g4j.gradio.internal.Checks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One call to a Gradio function. Immutable; build with {@link #builder(URI, GradioEndpoint)} (endpoint already
 * resolved) or {@link #builder(URI, String)} (resolved by api name from the cached config when the call starts).
 * Its {@link GradioSettings} travel with it; unset ones fall back to the client's.
 */
public final class GradioRequest {
    private final URI baseUrl;
    private final GradioEndpoint endpoint;
    private final String apiName;
    private final List<Object> data;
    private final Object eventData;
    private final String sessionHash;
    private final GradioSettings settings;

    private GradioRequest(Builder b) {
        this.baseUrl = b.baseUrl;
        this.endpoint = b.endpoint;
        this.apiName = b.apiName;
        this.data = Collections.unmodifiableList(new ArrayList<>(b.data));
        this.eventData = b.eventData;
        this.sessionHash = b.sessionHash;
        this.settings = b.settings.build();
    }

    /**
     * A request for an endpoint already resolved (from {@link GradioConfig} or {@link GradioEndpoint#of}).
     *
     * @param baseUrl the app origin
     * @param endpoint the endpoint
     * @return a builder
     * @throws IllegalArgumentException when the base URL is not an absolute http(s) URL
     */
    public static Builder builder(URI baseUrl, GradioEndpoint endpoint) {
        return new Builder(baseUrl, Objects.requireNonNull(endpoint, "endpoint"), null);
    }

    /**
     * A request resolved by api name through {@link GradioClient#config(URI, GradioSettings)} when the call starts.
     *
     * @param baseUrl the app origin
     * @param apiName the dependency's api name
     * @return a builder
     * @throws IllegalArgumentException when the base URL is not an absolute http(s) URL
     */
    public static Builder builder(URI baseUrl, String apiName) {
        return new Builder(baseUrl, null, Objects.requireNonNull(apiName, "apiName"));
    }

    /**
     * The app origin.
     *
     * @return the base URL, without a trailing slash
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The resolved endpoint.
     *
     * @return the endpoint, or null when it is resolved by {@link #apiName()}
     */
    public GradioEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The api name to resolve.
     *
     * @return the name, or null
     */
    public String apiName() {
        return apiName;
    }

    /**
     * The input values, one per input component.
     *
     * @return {@link JsonNode}s or plain Java values
     */
    public List<Object> data() {
        return data;
    }

    /**
     * The {@code event_data} sent with the join.
     *
     * @return the value, or null
     */
    public Object eventData() {
        return eventData;
    }

    /**
     * The session hash to use (calls with the same hash, base URL, token and proxy share one stream).
     *
     * @return the hash, or null for a fresh one
     */
    public String sessionHash() {
        return sessionHash;
    }

    /**
     * The connection settings of this call; unset ones fall back to the client's.
     *
     * @return the settings
     */
    public GradioSettings settings() {
        return settings;
    }

    /** Builds a {@link GradioRequest}. */
    public static final class Builder {
        private final URI baseUrl;
        private final GradioEndpoint endpoint;
        private final String apiName;
        private List<Object> data = List.of();
        private Object eventData;
        private String sessionHash;
        private GradioSettings.Builder settings = GradioSettings.builder();

        private Builder(URI baseUrl, GradioEndpoint endpoint, String apiName) {
            this.baseUrl = Checks.base(baseUrl);
            this.endpoint = endpoint;
            this.apiName = apiName;
        }

        /**
         * The inputs, in the dependency's {@code inputs} order. A Jackson {@code ArrayNode} works too.
         *
         * @param values the values
         * @return this builder
         */
        public Builder data(List<?> values) {
            this.data = new ArrayList<>(Objects.requireNonNull(values, "data"));
            return this;
        }

        /**
         * The inputs as a JSON array.
         *
         * @param array one value per input component
         * @return this builder
         * @throws IllegalArgumentException when not an array
         */
        public Builder data(JsonNode array) {
            if (array == null || !array.isArray()) {
                throw new IllegalArgumentException("data must be a JSON array, one value per input component");
            }
            List<Object> list = new ArrayList<>(array.size());
            array.forEach(list::add);
            this.data = list;
            return this;
        }

        /**
         * The {@code event_data} to send; null (the default) for dependencies that do not collect event data.
         *
         * @param eventData the value
         * @return this builder
         */
        public Builder eventData(Object eventData) {
            this.eventData = eventData;
            return this;
        }

        /**
         * Uses this session hash. Calls of one client that share a hash, base URL, token and proxy share one SSE
         * stream. Null (the default) gives each call its own fresh hash, the simplest and most robust choice.
         *
         * @param sessionHash the hash, or null
         * @return this builder
         */
        public Builder sessionHash(String sessionHash) {
            this.sessionHash = sessionHash == null || sessionHash.isBlank() ? null : sessionHash;
            return this;
        }

        /**
         * Replaces all connection settings of this call.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder settings(GradioSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings").toBuilder();
            return this;
        }

        /**
         * A bearer token for this call only.
         *
         * @param token the token, or null for the client's
         * @return this builder
         */
        public Builder bearerToken(String token) {
            settings.bearerToken(token);
            return this;
        }

        /**
         * A proxy for this call only ({@code http}, {@code socks4}, {@code socks5}, with optional credentials).
         *
         * @param proxy the proxy, or null for the client's
         * @return this builder
         * @throws IllegalArgumentException for an unsupported proxy URL
         */
        public Builder proxy(URI proxy) {
            settings.proxy(proxy);
            return this;
        }

        /**
         * Goes direct for this call even when the client has a proxy.
         *
         * @return this builder
         */
        public Builder noProxy() {
            settings.noProxy();
            return this;
        }

        /**
         * The connect limit of this call.
         *
         * @param d a positive duration
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder connectTimeout(Duration d) {
            settings.connectTimeout(d);
            return this;
        }

        /**
         * The silence limit of this call.
         *
         * @param d a positive duration
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder idleTimeout(Duration d) {
            settings.idleTimeout(d);
            return this;
        }

        /**
         * The total limit of this call, from subscription to its last event.
         *
         * @param d a positive duration
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder totalTimeout(Duration d) {
            settings.totalTimeout(d);
            return this;
        }

        /**
         * The largest single server event accepted on this call's stream.
         *
         * @param max bytes, at least 1024
         * @return this builder
         * @throws IllegalArgumentException when below 1024
         */
        public Builder maxEventBytes(int max) {
            settings.maxEventBytes(max);
            return this;
        }

        /**
         * Builds the request.
         *
         * @return an immutable request
         */
        public GradioRequest build() {
            return new GradioRequest(this);
        }
    }
}
