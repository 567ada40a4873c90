package dev.g4j.gateway;

import dev.g4j.gateway.internal.GatewayConfig;
import dev.g4j.gateway.internal.GatewayServer;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.Secret;
import dev.g4j.provider.registry.ProviderRegistry;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * An OpenAI-compatible HTTP server over a {@link ProviderRegistry}: any OpenAI client, chat UI or agent framework
 * reaches g4j's providers by changing its base URL to {@link #baseUrl()}.
 *
 * <pre>{@code
 * try (G4jGateway gateway = G4jGateway.builder(registry).port(0).build()) {
 *     URI base = gateway.start();            // http://127.0.0.1:PORT/v1
 *     // OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey("unused").build() ...
 * }
 * }</pre>
 *
 * <p>It serves {@code POST /v1/chat/completions} (streamed as server-sent events or whole), {@code GET /v1/models},
 * {@code GET /v1/models/{id}} and {@code GET /health}, with OpenAI's JSON shapes and error bodies.
 *
 * <p><b>Safe defaults.</b> It binds 127.0.0.1; any other address needs an {@linkplain Builder#apiKey(Secret) API
 * key}, which is compared in constant time. Request bodies are limited to {@value #DEFAULT_BODY_LIMIT} bytes and
 * concurrent chat completions to {@value #DEFAULT_MAX_STREAMS}. CORS is off unless an origin is given. Model names
 * that would make the gateway fetch an address chosen by the caller are refused unless
 * {@linkplain Builder#allowCallerUrls(boolean) allowed}. Prompts and keys are never logged above DEBUG.
 *
 * <p><b>Stateless.</b> A gateway keeps nothing between requests (no sessions, no conversation store), so any
 * number of instances can run behind an ordinary HTTP load balancer, without sticky sessions.
 *
 * <p>A gateway runs its own Vert.x event loops; {@link #close()} stops them. It does not close the registry.
 */
public final class G4jGateway implements AutoCloseable {
    /** The default largest request body: 4 MiB. */
    public static final int DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;
    /** The default most chat completions answered at once. */
    public static final int DEFAULT_MAX_STREAMS = 2048;
    /** The default address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default port. */
    public static final int DEFAULT_PORT = 8080;

    private final GatewayConfig config;
    private final Object lock = new Object();
    private GatewayServer server;
    private URI baseUrl;
    private boolean closed;

    private G4jGateway(GatewayConfig config) {
        this.config = config;
    }

    /**
     * Starts a builder.
     *
     * @param registry the providers to serve; the gateway does not close it
     * @return a new builder
     * @throws NullPointerException when {@code registry} is null
     */
    public static Builder builder(ProviderRegistry registry) {
        return new Builder(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Binds the address and starts serving. Idempotent: a started gateway returns its base URL again.
     *
     * @return the base URL for OpenAI clients, {@code http://HOST:PORT/v1}, with the port actually bound
     * @throws IllegalStateException when the gateway is closed, or the address cannot be bound (the message says
     *         which address and why)
     */
    public URI start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The gateway is closed; build a new one");
            }
            if (baseUrl != null) {
                return baseUrl;
            }
            GatewayServer s = new GatewayServer(config);
            int port;
            try {
                port = s.start();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot serve on " + config.host() + ":" + config.port() + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + ". Pick another port (0 picks a free one) or stop what uses it.", e);
            }
            server = s;
            baseUrl = URI.create("http://" + hostForUrl(config.host()) + ":" + port + "/v1");
            return baseUrl;
        }
    }

    /**
     * The base URL for OpenAI clients.
     *
     * @return {@code http://HOST:PORT/v1}
     * @throws IllegalStateException when the gateway has not been started
     */
    public URI baseUrl() {
        synchronized (lock) {
            if (baseUrl == null) {
                throw new IllegalStateException("The gateway is not started; call start() first");
            }
            return baseUrl;
        }
    }

    /**
     * The bound port.
     *
     * @return the port
     * @throws IllegalStateException when the gateway has not been started
     */
    public int port() {
        return baseUrl().getPort();
    }

    /**
     * How many chat completions are being answered now.
     *
     * @return the count, 0 when not started
     */
    public int activeChats() {
        synchronized (lock) {
            return server == null ? 0 : server.activeChats();
        }
    }

    /** Stops serving and drops open connections, which cancels their upstream requests. Idempotent. */
    @Override
    public void close() {
        GatewayServer s;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            s = server;
            server = null;
        }
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "G4jGateway[" + (baseUrl != null ? baseUrl : config.host() + ":" + config.port())
                    + (config.apiKey() != null ? ", API key ***" : "") + "]";
        }
    }

    private static String hostForUrl(String host) {
        if ("0.0.0.0".equals(host)) {
            return "127.0.0.1";
        }
        if ("::".equals(host) || "[::]".equals(host)) {
            return "[::1]";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Settings of a {@link G4jGateway}. */
    public static final class Builder {
        private final ProviderRegistry registry;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Secret apiKey;
        private String corsOrigin;
        private long bodyLimit = DEFAULT_BODY_LIMIT;
        private int maxStreams = DEFAULT_MAX_STREAMS;
        private boolean allowCallerUrls;
        private ProviderOptions options = ProviderOptions.defaults();
        private Duration keepAlive = Duration.ofSeconds(15);

        private Builder(ProviderRegistry registry) {
            this.registry = registry;
        }

        /**
         * Sets the address to bind. Anything but a loopback address needs an {@link #apiKey(Secret) API key}.
         *
         * @param host an IP address or host name; the default is {@value G4jGateway#DEFAULT_HOST}
         * @return this builder
         * @throws IllegalArgumentException when {@code host} is null or blank
         */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank; use 127.0.0.1 for this machine only");
            }
            this.host = host.strip();
            return this;
        }

        /**
         * Sets the port.
         *
         * @param port 1 to 65535, or 0 for a free port; the default is {@value G4jGateway#DEFAULT_PORT}
         * @return this builder
         * @throws IllegalArgumentException when the port is out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (a free port) to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the key callers must send as {@code Authorization: Bearer <key>}; null for none (loopback only).
         *
         * @param apiKey the key, or null
         * @return this builder
         */
        public Builder apiKey(Secret apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Lets browser pages from one origin call the gateway (CORS); null, the default, turns CORS off.
         *
         * @param origin an origin such as {@code https://chat.example.com}, or null
         * @return this builder
         * @throws IllegalArgumentException when the origin is blank or not a URL origin
         */
        public Builder corsOrigin(String origin) {
            if (origin != null && (origin.isBlank() || !(origin.startsWith("http://") || origin.startsWith("https://")))) {
                throw new IllegalArgumentException("A CORS origin is a scheme and host such as https://chat.example.com, got '" + origin + "'");
            }
            this.corsOrigin = origin == null ? null : origin.strip();
            return this;
        }

        /**
         * Sets the largest request body; larger ones get HTTP 413.
         *
         * @param bytes at least 1 KiB; the default is {@value G4jGateway#DEFAULT_BODY_LIMIT}
         * @return this builder
         * @throws IllegalArgumentException when the limit is below 1 KiB
         */
        public Builder bodyLimit(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("bodyLimit must be at least 1024 bytes, got " + bytes);
            }
            this.bodyLimit = bytes;
            return this;
        }

        /**
         * Sets the most chat completions answered at once; past it a request gets HTTP 429 with {@code Retry-After}.
         *
         * @param max at least 1; the default is {@value G4jGateway#DEFAULT_MAX_STREAMS}
         * @return this builder
         * @throws IllegalArgumentException when {@code max} is below 1
         */
        public Builder maxConcurrentStreams(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentStreams must be at least 1, got " + max);
            }
            this.maxStreams = max;
            return this;
        }

        /**
         * Lets callers name models that make the gateway fetch an address they chose ({@code Provider:https://...},
         * unlisted names of providers with an open model list). Off by default: turn it on only when every caller
         * may make this machine open connections anywhere.
         *
         * @param allow true to allow
         * @return this builder
         */
        public Builder allowCallerUrls(boolean allow) {
            this.allowCallerUrls = allow;
            return this;
        }

        /**
         * Sets the options every request starts from (endpoint, proxy, timeouts, provider settings); the request's
         * own generation parameters replace the ones set here.
         *
         * @param options the options; the default is {@link ProviderOptions#defaults()}
         * @return this builder
         * @throws NullPointerException when {@code options} is null
         */
        public Builder providerOptions(ProviderOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets the longest silence on a stream before the gateway sends a keep-alive comment.
         *
         * @param interval a positive duration; the default is 15 s
         * @return this builder
         * @throws IllegalArgumentException when the interval is not positive
         */
        public Builder keepAliveInterval(Duration interval) {
            if (interval == null || interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("keepAliveInterval must be positive, got " + interval);
            }
            this.keepAlive = interval;
            return this;
        }

        /**
         * Builds the gateway; nothing listens until {@link G4jGateway#start()}.
         *
         * @return the gateway
         * @throws IllegalStateException when the address is not loopback and no API key is set
         */
        public G4jGateway build() {
            if (apiKey == null && !isLoopback(host)) {
                throw new IllegalStateException("Binding " + host + " exposes the gateway to other machines: set an API key"
                        + " (g4j serve --api-key, or the G4J_API_KEY environment variable), or bind 127.0.0.1");
            }
            return new G4jGateway(new GatewayConfig(registry, host, port, apiKey, corsOrigin, bodyLimit, maxStreams,
                    allowCallerUrls, options, keepAlive));
        }

        private static boolean isLoopback(String host) {
            if ("localhost".equalsIgnoreCase(host)) {
                return true;
            }
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
                return false; // a host name other than localhost: do not resolve it here, treat it as exposed
            }
            try {
                return InetAddress.getByName(literal).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }
}
