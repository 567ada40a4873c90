package dev.g4j.gradio;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One call to a Gradio function. Immutable; build with {@link #builder(URI, GradioEndpoint)} (endpoint already
 * resolved) or {@link #builder(URI, String)} (resolved by api name from the cached config when the call starts).
 * Unset timeouts and proxy fall back to the client's.
 */
public final class GradioRequest {
    private final URI baseUrl;
    private final GradioEndpoint endpoint;
    private final String apiName;
    private final List<Object> data;
    private final Object eventData;
    private final String sessionHash;
    private final URI proxy;
    private final boolean noProxy;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration totalTimeout;

    private GradioRequest(Builder b) {
        this.baseUrl = b.baseUrl;
        this.endpoint = b.endpoint;
        this.apiName = b.apiName;
        this.data = Collections.unmodifiableList(new ArrayList<>(b.data));
        this.eventData = b.eventData;
        this.sessionHash = b.sessionHash;
        this.proxy = b.proxy;
        this.noProxy = b.noProxy;
        this.connectTimeout = b.connectTimeout;
        this.idleTimeout = b.idleTimeout;
        this.totalTimeout = b.totalTimeout;
    }

    /** A request for an endpoint already resolved (from {@link GradioConfig} or {@link GradioEndpoint#of}). */
    public static Builder builder(URI baseUrl, GradioEndpoint endpoint) {
        return new Builder(baseUrl, Objects.requireNonNull(endpoint, "endpoint"), null);
    }

    /** A request resolved by api name through {@link GradioClient#config(URI)} when the call starts. */
    public static Builder builder(URI baseUrl, String apiName) {
        return new Builder(baseUrl, null, Objects.requireNonNull(apiName, "apiName"));
    }

    /** The app origin, without a trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The resolved endpoint, or null when it is resolved by {@link #apiName()}. */
    public GradioEndpoint endpoint() {
        return endpoint;
    }

    /** The api name to resolve, or null. */
    public String apiName() {
        return apiName;
    }

    /** The input values, one per input component. Elements may be {@link JsonNode}s or plain Java values. */
    public List<Object> data() {
        return data;
    }

    public Object eventData() {
        return eventData;
    }

    /** The session hash to use (calls with the same hash share one stream), or null for a fresh one. */
    public String sessionHash() {
        return sessionHash;
    }

    /** The proxy for this call, or null for the client's. */
    public URI proxy() {
        return proxy;
    }

    /** True when this call must go direct even if the client has a proxy. */
    public boolean noProxy() {
        return noProxy;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration totalTimeout() {
        return totalTimeout;
    }

    /** Builds a {@link GradioRequest}. */
    public static final class Builder {
        private final URI baseUrl;
        private final GradioEndpoint endpoint;
        private final String apiName;
        private List<Object> data = List.of();
        private Object eventData;
        private String sessionHash;
        private URI proxy;
        private boolean noProxy;
        private Duration connectTimeout;
        private Duration idleTimeout;
        private Duration totalTimeout;

        private Builder(URI baseUrl, GradioEndpoint endpoint, String apiName) {
            this.baseUrl = GradioClient.normaliseBase(baseUrl);
            this.endpoint = endpoint;
            this.apiName = apiName;
        }

        /** The inputs, in the dependency's {@code inputs} order. A Jackson {@code ArrayNode} works too. */
        public Builder data(List<?> values) {
            this.data = new ArrayList<>(Objects.requireNonNull(values, "data"));
            return this;
        }

        /** The inputs as a JSON array. */
        public Builder data(JsonNode array) {
            if (array == null || !array.isArray()) {
                throw new IllegalArgumentException("data must be a JSON array, one value per input component");
            }
            List<Object> list = new ArrayList<>(array.size());
            array.forEach(list::add);
            this.data = list;
            return this;
        }

        /** The {@code event_data} to send; null (the default) for dependencies that do not collect event data. */
        public Builder eventData(Object eventData) {
            this.eventData = eventData;
            return this;
        }

        /**
         * Uses this session hash. Calls of one client that share a hash and base URL share one SSE stream. Null (the
         * default) gives each call its own fresh hash, the simplest and most robust choice.
         */
        public Builder sessionHash(String sessionHash) {
            this.sessionHash = sessionHash == null || sessionHash.isBlank() ? null : sessionHash;
            return this;
        }

        /** A proxy for this call only ({@code http}, {@code socks4}, {@code socks5}, with optional credentials). */
        public Builder proxy(URI proxy) {
            this.proxy = proxy == null ? null : GradioClient.checkProxy(proxy);
            return this;
        }

        /** Goes direct for this call even when the client has a proxy. */
        public Builder noProxy() {
            this.noProxy = true;
            this.proxy = null;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = GradioClient.positive(d, "connectTimeout");
            return this;
        }

        public Builder idleTimeout(Duration d) {
            this.idleTimeout = GradioClient.positive(d, "idleTimeout");
            return this;
        }

        public Builder totalTimeout(Duration d) {
            this.totalTimeout = GradioClient.positive(d, "totalTimeout");
            return this;
        }

        public GradioRequest build() {
            return new GradioRequest(this);
        }
    }
}
