package dev.g4j.provider.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Per-request settings that every provider honours. Immutable; make one with {@link #builder()} or start from
 * {@link #defaults()}. Timeouts follow g4f: 120 s of silence, 600 s in all.
 *
 * <pre>{@code
 * ProviderOptions options = ProviderOptions.builder()
 *         .proxy("socks5://127.0.0.1:1080")
 *         .idleTimeout(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
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

    private ProviderOptions(Builder b) {
        this.proxy = b.proxy;
        this.baseUrl = b.baseUrl;
        this.connectTimeout = b.connectTimeout;
        this.idleTimeout = b.idleTimeout;
        this.totalTimeout = b.totalTimeout;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
    }

    /** The options with every default: no proxy, the provider's own endpoint, g4f's timeouts. */
    public static ProviderOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
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
     */
    public Optional<URI> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** An endpoint that replaces the provider's own (a self-hosted copy, a simulator), without a trailing slash. */
    public Optional<URI> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The longest silence allowed between two upstream events (heartbeats count as events). */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration totalTimeout() {
        return totalTimeout;
    }

    /** Provider-specific settings, in the order they were set. */
    public Map<String, Object> params() {
        return params;
    }

    /** One provider-specific setting. */
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
                && totalTimeout.equals(that.totalTimeout) && params.equals(that.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(proxy, baseUrl, connectTimeout, idleTimeout, totalTimeout, params);
    }

    /** Shows every field; credentials in the proxy and base URLs are masked, parameter values are left out. */
    @Override
    public String toString() {
        return "ProviderOptions{proxy=" + (proxy == null ? "none" : maskUserInfo(proxy))
                + ", baseUrl=" + (baseUrl == null ? "default" : maskUserInfo(baseUrl))
                + ", connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout
                + ", totalTimeout=" + totalTimeout + ", params=" + params.keySet() + "}";
    }

    private static String maskUserInfo(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString()
                : uri.getScheme() + "://***@" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** Builds {@link ProviderOptions}. Every setter validates at once and says what is wrong. */
    public static final class Builder {
        private URI proxy;
        private URI baseUrl;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration totalTimeout = DEFAULT_TOTAL_TIMEOUT;
        private final Map<String, Object> params = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Routes requests through a proxy, e.g. {@code http://user:pass@host:3128} or {@code socks5://host:1080};
         * null or blank removes it.
         *
         * @throws IllegalArgumentException when the URL is malformed, has another scheme, or lacks a host or port
         */
        public Builder proxy(String proxyUrl) {
            if (proxyUrl == null || proxyUrl.isBlank()) {
                this.proxy = null;
                return this;
            }
            URI uri = parse(proxyUrl.strip(), "proxy");
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || !PROXY_SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException("Unsupported proxy URL '" + proxyUrl
                        + "': the scheme must be one of " + PROXY_SCHEMES + ", e.g. http://host:3128 or socks5://host:1080");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("Proxy URL '" + proxyUrl + "' has no host; write it as scheme://[user:password@]host:port");
            }
            if (uri.getPort() < 0) {
                throw new IllegalArgumentException("Proxy URL '" + proxyUrl + "' has no port; write it as scheme://[user:password@]host:port");
            }
            checkPort(uri, proxyUrl, "Proxy");
            this.proxy = uri;
            return this;
        }

        /**
         * Sends requests to this endpoint instead of the provider's own; null or blank restores the default.
         *
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
            URI uri = parse(trimmed, "base");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("Base URL '" + url + "' must be an absolute http:// or https:// URL with a host, e.g. http://127.0.0.1:7860");
            }
            if (uri.getPort() >= 0) {
                checkPort(uri, url, "Base");
            }
            this.baseUrl = uri;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout, "totalTimeout");
            return this;
        }

        /** Sets a provider-specific setting; a null value removes it. */
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

        public ProviderOptions build() {
            return new ProviderOptions(this);
        }

        private static URI parse(String url, String what) {
            try {
                return new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Malformed " + what + " URL '" + url + "': " + e.getReason(), e);
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
