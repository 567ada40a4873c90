package dev.g4j.gradio;

import dev.g4j.sse.SseParser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.provider.api.ProviderOptions;
import dev.g4j.provider.api.UpstreamProtocolException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>Thread-safe. Uses the {@link Vertx} given to the builder (never closed by this client) or creates its own on
 * first use, with daemon threads, and closes it in {@link #close()}. TLS certificates and host names are verified.
 */
public final class GradioClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GradioClient.class.getName());
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String USER_AGENT = "g4j/" + version();
    /** The default of {@link Builder#maxConnectionsPerHost(int)}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_HOST = 256;

    private final Vertx hostVertx;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration totalTimeout;
    private final URI proxy;
    private final String bearerToken;
    private final int maxEventBytes;
    private final int maxBufferedEvents;
    private final int maxConnectionsPerHost;
    private final ConcurrentHashMap<String, CompletableFuture<GradioConfig>> configs = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private final java.util.Set<CallState> live = ConcurrentHashMap.newKeySet();
    private Vertx ownVertx;
    private HttpClientAgent http;
    private boolean closed;

    private GradioClient(Builder b) {
        this.hostVertx = b.vertx;
        this.connectTimeout = b.connectTimeout;
        this.idleTimeout = b.idleTimeout;
        this.totalTimeout = b.totalTimeout;
        this.proxy = b.proxy;
        this.bearerToken = b.bearerToken;
        this.maxEventBytes = b.maxEventBytes;
        this.maxBufferedEvents = b.maxBufferedEvents;
        this.maxConnectionsPerHost = b.maxConnectionsPerHost;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The app's {@code /config}, fetched once per base URL and cached; a failed fetch is not cached.
     *
     * @return a future failing with a {@link dev.g4j.provider.api.ProviderException} subtype
     */
    public CompletableFuture<GradioConfig> config(URI baseUrl) {
        String base = normaliseBase(baseUrl).toString();
        CompletableFuture<GradioConfig> f = configs.computeIfAbsent(base, k -> fetchConfig(k));
        f.whenComplete((c, e) -> {
            if (e != null) {
                configs.remove(base, f);
            }
        });
        return f;
    }

    /** Forgets the cached config of this base URL (after the app was redeployed, for example). */
    public void invalidateConfig(URI baseUrl) {
        configs.remove(normaliseBase(baseUrl).toString());
    }

    /** Prepares a call; nothing is sent until the returned publisher is subscribed to. */
    public GradioCall submit(GradioRequest request) {
        Objects.requireNonNull(request, "request");
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("This GradioClient is closed; build a new one");
            }
        }
        return new GradioCall(this, request);
    }

    /**
     * Fails the calls still running (their subscribers get a {@link dev.g4j.provider.api.ProviderException}), closes
     * the HTTP client and, when the client created it, its Vert.x instance. A host-supplied Vert.x stays open.
     */
    @Override
    public void close() {
        Vertx toClose;
        HttpClientAgent h;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            live.forEach(CallState::shutdown);
            toClose = ownVertx;
            h = http;
        }
        Future<Void> f = h == null ? Future.succeededFuture() : h.close();
        if (toClose != null) {
            f.eventually(() -> toClose.close()).toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        } else {
            f.toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    // ---- internals shared with Session and CallState ----

    synchronized Vertx vertx() {
        if (closed) {
            throw new IllegalStateException("This GradioClient is closed; build a new one");
        }
        if (hostVertx != null) {
            return hostVertx;
        }
        if (ownVertx == null) {
            ownVertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(2).setWorkerPoolSize(1));
        }
        return ownVertx;
    }

    synchronized HttpClientAgent http() {
        if (http == null) {
            HttpClientOptions o = new HttpClientOptions().setKeepAlive(true).setVerifyHost(true).setTrustAll(false)
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            http = vertx().createHttpClient(o, new PoolOptions().setHttp1MaxSize(maxConnectionsPerHost));
        }
        return http;
    }

    Duration connectTimeout(GradioRequest r) {
        return r.connectTimeout() != null ? r.connectTimeout() : connectTimeout;
    }

    Duration idleTimeout(GradioRequest r) {
        return r.idleTimeout() != null ? r.idleTimeout() : idleTimeout;
    }

    Duration totalTimeout(GradioRequest r) {
        return r.totalTimeout() != null ? r.totalTimeout() : totalTimeout;
    }

    URI proxy(GradioRequest r) {
        return r.noProxy() ? null : r.proxy() != null ? r.proxy() : proxy;
    }

    void track(CallState c, boolean running) {
        if (running) {
            live.add(c);
        } else {
            live.remove(c);
        }
    }

    int maxEventBytes() {
        return maxEventBytes;
    }

    int maxBufferedEvents() {
        return maxBufferedEvents;
    }

    /** The session for (base, hash): an existing live one when the hash is shared, else a new one. */
    synchronized Session acquireSession(String base, String hash, GradioRequest r) {
        if (hash == null) {
            return new Session(this, vertx().getOrCreateContext(), base, UUID.randomUUID().toString().replace("-", "").substring(0, 12), r, null);
        }
        String key = base + "|" + hash;
        Session s = sessions.get(key);
        if (s == null || !s.retain()) {
            s = new Session(this, vertx().getOrCreateContext(), base, hash, r, key);
            s.retain();
            sessions.put(key, s);
        }
        return s;
    }

    synchronized void releaseSession(Session s) {
        if (s.key() != null) {
            sessions.remove(s.key(), s);
        }
    }

    /** Builds the options of one request: URL, method, headers, timeouts, proxy. */
    RequestOptions requestOptions(HttpMethod method, String url, Duration connect, Duration idle, URI proxyUri, CookieJar jar,
                                  boolean json) {
        RequestOptions o = new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .setConnectTimeout(connect.toMillis()).setFollowRedirects(method == HttpMethod.GET && !url.contains("/queue/data"))
                .putHeader("User-Agent", USER_AGENT);
        if (idle != null) {
            o.setIdleTimeout(idle.toMillis());
        }
        if (json) {
            o.putHeader("Content-Type", "application/json");
        }
        o.putHeader("Accept", url.contains("/queue/data") ? "text/event-stream" : "application/json");
        if (bearerToken != null) {
            o.putHeader("Authorization", "Bearer " + bearerToken);
        }
        if (jar != null && jar.header() != null) {
            o.putHeader("Cookie", jar.header());
        }
        if (proxyUri != null) {
            o.setProxyOptions(ProxySupport.options(proxyUri));
        }
        return o;
    }

    /** Sends a request whose response body is small, and reads it whole. */
    Future<SmallResponse> exchange(RequestOptions o, Buffer body, CookieJar jar) {
        return http().request(o).compose(req -> (body == null ? req.send() : req.send(body))
                .compose(resp -> {
                    if (jar != null) {
                        jar.store(resp.headers().getAll("set-cookie"));
                    }
                    return resp.body().map(b -> new SmallResponse(resp.statusCode(), b.toString()));
                }));
    }

    Future<HttpClientRequest> open(RequestOptions o) {
        return http().request(o);
    }

    private CompletableFuture<GradioConfig> fetchConfig(String base) {
        String url = base + "/config";
        CompletableFuture<GradioConfig> out = new CompletableFuture<>();
        RequestOptions o;
        try {
            o = requestOptions(HttpMethod.GET, url, connectTimeout, idleTimeout, proxy, null, false);
        } catch (RuntimeException e) {
            out.completeExceptionally(e);
            return out;
        }
        LOG.log(System.Logger.Level.DEBUG, "GET {0}", url);
        exchange(o, null, null).onComplete(ar -> {
            if (ar.failed()) {
                out.completeExceptionally(Errors.transport(ar.cause(), url, connectTimeout, idleTimeout));
                return;
            }
            SmallResponse r = ar.result();
            if (r.status() != 200) {
                out.completeExceptionally(Errors.status("config request", r.status(), r.body(), url, ""));
                return;
            }
            try {
                JsonNode root = MAPPER.readTree(r.body());
                out.complete(GradioConfig.parse(root));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                out.completeExceptionally(new UpstreamProtocolException("The /config of " + base
                        + " is not JSON; is the URL the root of a Gradio app (not the huggingface.co page)?", e));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    /** A fully read response. */
    record SmallResponse(int status, String body) {
    }

    static URI normaliseBase(URI baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String s = baseUrl.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        URI u = URI.create(s);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new IllegalArgumentException("Base URL '" + baseUrl
                    + "' must be an absolute http:// or https:// URL of the app, e.g. https://qwen-qwen2-5.hf.space");
        }
        return u;
    }

    static URI checkProxy(URI proxy) {
        ProxySupport.type(proxy);
        if (proxy.getHost() == null || proxy.getPort() < 0) {
            throw new IllegalArgumentException("Proxy URL '" + ProxySupport.mask(proxy)
                    + "' needs a host and a port: scheme://[user:password@]host:port");
        }
        return proxy;
    }

    static Duration positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
        return d;
    }

    private static String version() {
        String v = GradioClient.class.getPackage() == null ? null : GradioClient.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Builds a {@link GradioClient}. Defaults follow {@link ProviderOptions}: 10 s connect, 120 s idle, 600 s total. */
    public static final class Builder {
        private Vertx vertx;
        private Duration connectTimeout = ProviderOptions.DEFAULT_CONNECT_TIMEOUT;
        private Duration idleTimeout = ProviderOptions.DEFAULT_IDLE_TIMEOUT;
        private Duration totalTimeout = ProviderOptions.DEFAULT_TOTAL_TIMEOUT;
        private URI proxy;
        private String bearerToken;
        private int maxEventBytes = SseParser.DEFAULT_MAX_EVENT_BYTES;
        private int maxBufferedEvents = 8;
        private int maxConnectionsPerHost = DEFAULT_MAX_CONNECTIONS_PER_HOST;

        private Builder() {
        }

        /** A Vert.x instance owned by the host; null (default) lets the client create and own one. */
        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** The longest silence allowed on the event stream; heartbeats count. Keep it well above 15 s. */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive(d, "idleTimeout");
            return this;
        }

        public Builder totalTimeout(Duration d) {
            this.totalTimeout = positive(d, "totalTimeout");
            return this;
        }

        /** The proxy for every call: {@code http://[user:pass@]host:port}, {@code socks4://…}, {@code socks5://…}. */
        public Builder proxy(URI proxy) {
            this.proxy = proxy == null ? null : checkProxy(proxy);
            return this;
        }

        /** A bearer token (an HF token for private Spaces), sent on config, join, stream and cancel requests. */
        public Builder bearerToken(String token) {
            this.bearerToken = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /** The largest single SSE event accepted; default 16 MiB. */
        public Builder maxEventBytes(int max) {
            if (max < 1024) {
                throw new IllegalArgumentException("maxEventBytes must be at least 1024, got " + max);
            }
            this.maxEventBytes = max;
            return this;
        }

        /**
         * How many received messages may wait for a slow subscriber before the HTTP stream is paused; default 8.
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
         * concurrent streams to one Space.
         */
        public Builder maxConnectionsPerHost(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnectionsPerHost must be at least 1, got " + max);
            }
            this.maxConnectionsPerHost = max;
            return this;
        }

        public GradioClient build() {
            return new GradioClient(this);
        }
    }
}
