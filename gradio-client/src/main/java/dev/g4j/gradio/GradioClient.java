package dev.g4j.gradio;

import dev.g4j.gradio.internal.Checks;
import dev.g4j.gradio.internal.ClientCore;
import dev.g4j.sse.SseParser;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A non-blocking client for the Gradio queue protocol (sse_v1 to sse_v3; Gradio 4.9 to 6), on Vert.x.
 *
 * <pre>{@code
 * try (GradioClient client = GradioClient.builder().idleTimeout(Duration.ofSeconds(60)).build()) {
 *     URI base = URI.create("https://qwen-qwen2-5.hf.space");
 *     GradioEndpoint ep = client.config(base).join().requireEndpoint("model_chat");
 *     GradioCall call = client.submit(GradioRequest.builder(base, ep)
 *             .data(List.of("Hello", List.of(), "You are a helpful assistant.", "72B")).build());
 *     call.subscribe(mySubscriber);   // GradioEvent.Queued, Started, Generating…, Completed
 * }
 * }</pre>
 *
 * <p>One client serves every setting: a request's {@link GradioSettings} (token, proxy, timeouts, event size limit)
 * travel with it, and what the client caches per app (config, sessions, cookies) is kept apart per base URL, token
 * and proxy. Build one client, share it, close it at the end.
 *
 * <p>Thread-safe. Uses the {@link Vertx} given to the builder (never closed by this client) or creates its own on
 * first use, with daemon threads, and closes it in {@link #close()}. TLS certificates and host names are verified.
 * Redirects are followed only within the app's origin.
 */
public final class GradioClient implements AutoCloseable {
    /** The default of {@link Builder#maxConnectionsPerHost(int)}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_HOST = 256;
    /** The default connect limit. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default silence limit. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** The default limit for a whole call. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(600);

    private final ClientCore core;

    private GradioClient(Builder b) {
        this.core = new ClientCore(new ClientCore.Defaults(b.vertx, b.connectTimeout, b.idleTimeout, b.totalTimeout, b.proxy,
                b.bearerToken, b.maxEventBytes, b.maxBufferedEvents, b.maxConnectionsPerHost));
    }

    /**
     * Starts building a client.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The app's {@code /config} with the client's settings; see {@link #config(URI, GradioSettings)}.
     *
     * @param baseUrl the app origin
     * @return the config, or a future failing with a {@link GradioException}
     * @throws IllegalArgumentException when the base URL is not an absolute http(s) URL
     */
    public CompletableFuture<GradioConfig> config(URI baseUrl) {
        return config(baseUrl, GradioSettings.defaults());
    }

    /**
     * The app's {@code /config}, fetched once per base URL, token and proxy and cached; a failed fetch is not
     * cached. The fetch is bounded by the settings' total timeout, reads at most 8 MiB and follows redirects only
     * within the app's origin.
     *
     * @param baseUrl the app origin
     * @param settings the token, proxy and timeouts of the fetch
     * @return the config, or a future failing with a {@link GradioException}
     * @throws IllegalArgumentException when the base URL is not an absolute http(s) URL
     */
    public CompletableFuture<GradioConfig> config(URI baseUrl, GradioSettings settings) {
        return core.config(baseUrl, Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Forgets the cached configs of this base URL, for every token and proxy (after the app was redeployed).
     *
     * @param baseUrl the app origin
     */
    public void invalidateConfig(URI baseUrl) {
        core.invalidateConfig(baseUrl);
    }

    /**
     * Prepares a call; nothing is sent until the returned publisher is subscribed to.
     *
     * @param request the request
     * @return the call
     * @throws IllegalStateException when the client is closed
     */
    public GradioCall submit(GradioRequest request) {
        Objects.requireNonNull(request, "request");
        core.checkOpen();
        return new GradioCall(core, request);
    }

    /** The number of calls running (for tests). */
    int liveCalls() {
        return core.liveCalls();
    }

    /**
     * Fails the calls still running (their subscribers get a {@link GradioClosedException}), closes the HTTP client
     * and, when the client created it, its Vert.x instance. A host-supplied Vert.x stays open.
     */
    @Override
    public void close() {
        core.close();
    }

    /** Builds a {@link GradioClient}. Defaults: 10 s connect, 120 s idle, 600 s total, no proxy, no token. */
    public static final class Builder {
        private Vertx vertx;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration totalTimeout = DEFAULT_TOTAL_TIMEOUT;
        private URI proxy;
        private String bearerToken;
        private int maxEventBytes = SseParser.DEFAULT_MAX_EVENT_BYTES;
        private int maxBufferedEvents = 8;
        private int maxConnectionsPerHost = DEFAULT_MAX_CONNECTIONS_PER_HOST;

        private Builder() {
        }

        /**
         * A Vert.x instance owned by the host, which the client never closes.
         *
         * @param vertx the instance; null (default) lets the client create and own one
         * @return this builder
         */
        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        /**
         * The default connect limit.
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
         * The default longest silence allowed on a response; heartbeats count. Keep it well above 15 s.
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
         * The default limit for a whole call, from subscription (config fetch included) to its last event.
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
         * The default proxy: {@code http://[user:pass@]host:port}, {@code socks4://…} or {@code socks5://…}.
         *
         * @param proxy the proxy, or null for none
         * @return this builder
         * @throws IllegalArgumentException for another scheme or a proxy without host and port
         */
        public Builder proxy(URI proxy) {
            this.proxy = proxy == null ? null : Checks.proxy(proxy);
            return this;
        }

        /**
         * The default bearer token (an HF token for private Spaces), sent on config, join, stream and cancel
         * requests.
         *
         * @param token the token; null or blank for none
         * @return this builder
         */
        public Builder bearerToken(String token) {
            this.bearerToken = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /**
         * The default largest single SSE event accepted; default 16 MiB.
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
         * How many received messages may wait for a slow subscriber before the HTTP stream is paused; default 8.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxBufferedEvents(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxBufferedEvents must be at least 1, got " + max);
            }
            this.maxBufferedEvents = max;
            return this;
        }

        /**
         * The most HTTP/1.1 connections the client keeps open to one origin (scheme, host, port); default
         * {@value GradioClient#DEFAULT_MAX_CONNECTIONS_PER_HOST}. An open event stream holds one connection for as long as
         * it runs, and requests beyond the limit wait for a free connection; raise it for hosts that keep more
         * concurrent streams to one Space. The client spreads its sessions over the event loops of its Vert.x, each
         * with its own connections; they share this limit, each taking its part rounded up.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxConnectionsPerHost(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnectionsPerHost must be at least 1, got " + max);
            }
            this.maxConnectionsPerHost = max;
            return this;
        }

        /**
         * Builds the client; nothing is started until the first request.
         *
         * @return the client
         */
        public GradioClient build() {
            return new GradioClient(this);
        }
    }
}
