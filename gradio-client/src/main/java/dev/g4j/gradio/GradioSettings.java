package dev.g4j.gradio;

import dev.g4j.gradio.internal.Checks;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The connection settings of one request: bearer token, proxy, timeouts and event size limit. Each is optional;
 * an unset one falls back to the {@link GradioClient}'s default. Settings travel with each request, so one client
 * serves every combination; what the client caches per app (config, cookies, sessions) is kept apart per base URL,
 * token and proxy, so that credentials never mix. Immutable; {@link #toString()} never shows the token or proxy
 * password.
 */
public final class GradioSettings {
    private static final GradioSettings DEFAULTS = new Builder().build();

    private final String bearerToken;
    private final URI proxy;
    private final boolean noProxy;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration totalTimeout;
    private final Integer maxEventBytes;

    private GradioSettings(Builder b) {
        this.bearerToken = b.bearerToken;
        this.proxy = b.proxy;
        this.noProxy = b.noProxy;
        this.connectTimeout = b.connectTimeout;
        this.idleTimeout = b.idleTimeout;
        this.totalTimeout = b.totalTimeout;
        this.maxEventBytes = b.maxEventBytes;
    }

    /**
     * Settings that take everything from the client.
     *
     * @return the empty settings
     */
    public static GradioSettings defaults() {
        return DEFAULTS;
    }

    /**
     * Starts building settings.
     *
     * @return a builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these settings, to change some of them.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bearerToken = bearerToken;
        b.proxy = proxy;
        b.noProxy = noProxy;
        b.connectTimeout = connectTimeout;
        b.idleTimeout = idleTimeout;
        b.totalTimeout = totalTimeout;
        b.maxEventBytes = maxEventBytes;
        return b;
    }

    /**
     * The bearer token.
     *
     * @return the token, or null for the client's
     */
    public String bearerToken() {
        return bearerToken;
    }

    /**
     * The proxy.
     *
     * @return the proxy, or null for the client's (or none when {@link #noProxy()})
     */
    public URI proxy() {
        return proxy;
    }

    /**
     * Whether to go direct even when the client has a proxy.
     *
     * @return true to ignore the client's proxy
     */
    public boolean noProxy() {
        return noProxy;
    }

    /**
     * The connect limit.
     *
     * @return the limit, or null for the client's
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The longest silence allowed on a response.
     *
     * @return the limit, or null for the client's
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * The limit for a whole call, from subscription (config fetch included) to its last event; it also bounds a
     * config fetch.
     *
     * @return the limit, or null for the client's
     */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /**
     * The largest single server event accepted, in bytes.
     *
     * @return the limit, or null for the client's
     */
    public Integer maxEventBytes() {
        return maxEventBytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GradioSettings s && Objects.equals(s.bearerToken, bearerToken) && Objects.equals(s.proxy, proxy)
                && s.noProxy == noProxy && Objects.equals(s.connectTimeout, connectTimeout)
                && Objects.equals(s.idleTimeout, idleTimeout) && Objects.equals(s.totalTimeout, totalTimeout)
                && Objects.equals(s.maxEventBytes, maxEventBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bearerToken, proxy, noProxy, connectTimeout, idleTimeout, totalTimeout, maxEventBytes);
    }

    /** Never shows the token or a proxy password. */
    @Override
    public String toString() {
        return "GradioSettings[token=" + (bearerToken == null ? "default" : "***")
                + ", proxy=" + (noProxy ? "none" : proxy == null ? "default" : Checks.maskProxy(proxy))
                + ", connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout + ", totalTimeout=" + totalTimeout
                + ", maxEventBytes=" + maxEventBytes + "]";
    }

    /** Builds {@link GradioSettings}. */
    public static final class Builder {
        private String bearerToken;
        private URI proxy;
        private boolean noProxy;
        private Duration connectTimeout;
        private Duration idleTimeout;
        private Duration totalTimeout;
        private Integer maxEventBytes;

        private Builder() {
        }

        /**
         * A bearer token (an HF token for private Spaces), sent on config, join, stream and cancel requests.
         *
         * @param token the token; null or blank for the client's
         * @return this builder
         */
        public Builder bearerToken(String token) {
            this.bearerToken = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /**
         * A proxy: {@code http://[user:pass@]host:port}, {@code socks4://…} or {@code socks5://…}.
         *
         * @param proxy the proxy, or null for the client's
         * @return this builder
         * @throws IllegalArgumentException for another scheme or a proxy without host and port
         */
        public Builder proxy(URI proxy) {
            this.proxy = proxy == null ? null : Checks.proxy(proxy);
            this.noProxy = false;
            return this;
        }

        /**
         * Goes direct even when the client has a proxy.
         *
         * @return this builder
         */
        public Builder noProxy() {
            this.noProxy = true;
            this.proxy = null;
            return this;
        }

        /**
         * The connect limit.
         *
         * @param d a positive duration
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = Checks.positive(d, "connectTimeout");
            return this;
        }

        /**
         * The longest silence allowed on a response; heartbeats count. Keep it well above 15 s.
         *
         * @param d a positive duration
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = Checks.positive(d, "idleTimeout");
            return this;
        }

        /**
         * The limit for a whole call, from subscription to its last event.
         *
         * @param d a positive duration
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder totalTimeout(Duration d) {
            this.totalTimeout = Checks.positive(d, "totalTimeout");
            return this;
        }

        /**
         * The largest single server event accepted.
         *
         * @param max bytes, at least 1024
         * @return this builder
         * @throws IllegalArgumentException when below 1024
         */
        public Builder maxEventBytes(int max) {
            this.maxEventBytes = Checks.maxEventBytes(max);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return immutable settings
         */
        public GradioSettings build() {
            return new GradioSettings(this);
        }
    }
}
