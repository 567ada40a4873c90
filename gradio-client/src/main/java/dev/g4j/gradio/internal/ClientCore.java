package dev.g4j.gradio.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.g4j.gradio.GradioClosedException;
import dev.g4j.gradio.GradioConfig;
import dev.g4j.gradio.GradioEvent;
import dev.g4j.gradio.GradioProtocolException;
import dev.g4j.gradio.GradioRequest;
import dev.g4j.gradio.GradioSettings;
import dev.g4j.gradio.GradioTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a {@code GradioClient} is made of: its defaults, the Vert.x instance, the {@link Transport}, the config cache
 * and live sessions (both keyed by app, token and proxy) and the set of running calls. Thread-safe.
 */
public final class ClientCore {
    private static final System.Logger LOG = System.getLogger(ClientCore.class.getName());
    /** The deepest JSON nesting accepted in one message, and in a value built up by edits. */
    static final int MAX_DEPTH = 100;
    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    }

    /**
     * The client-wide settings.
     *
     * @param vertx a host-owned Vert.x, or null to create one on first use
     * @param connect the default connect limit
     * @param idle the default silence limit
     * @param total the default total limit
     * @param proxy the default proxy, or null
     * @param token the default bearer token, or null
     * @param maxEventBytes the default event size limit
     * @param maxBufferedEvents messages waiting for a slow subscriber before the stream is paused
     * @param maxConnectionsPerHost the connection pool size per origin
     */
    public record Defaults(Vertx vertx, Duration connect, Duration idle, Duration total, URI proxy, String token,
                           int maxEventBytes, int maxBufferedEvents, int maxConnectionsPerHost) {
        /** Never shows the token. */
        @Override
        public String toString() {
            return "Defaults[token=" + (token == null ? "none" : "***") + ", connect=" + connect + ", idle=" + idle + "]";
        }
    }

    private final Defaults defaults;
    private final Transport transport;
    private final ConcurrentHashMap<Settings.AppKey, CompletableFuture<GradioConfig>> configs = new ConcurrentHashMap<>();
    private final Map<SessionKey, Session> sessions = new HashMap<>();
    private final Set<CallState> live = ConcurrentHashMap.newKeySet();
    private Vertx ownVertx;
    private boolean closed;

    /**
     * Makes the core of one client.
     *
     * @param defaults the client-wide settings
     */
    public ClientCore(Defaults defaults) {
        this.defaults = defaults;
        this.transport = new Transport(this::vertx, defaults.connect(), defaults.maxConnectionsPerHost());
    }

    Transport transport() {
        return transport;
    }

    int maxBufferedEvents() {
        return defaults.maxBufferedEvents();
    }

    /**
     * The effective settings of a request.
     *
     * @param s the request's settings
     * @return the settings with the client's defaults filled in
     */
    public Settings resolve(GradioSettings s) {
        URI proxy = s.noProxy() ? null : s.proxy() != null ? s.proxy() : defaults.proxy();
        return new Settings(s.bearerToken() != null ? s.bearerToken() : defaults.token(), proxy,
                s.connectTimeout() != null ? s.connectTimeout() : defaults.connect(),
                s.idleTimeout() != null ? s.idleTimeout() : defaults.idle(),
                s.totalTimeout() != null ? s.totalTimeout() : defaults.total(),
                s.maxEventBytes() != null ? s.maxEventBytes() : defaults.maxEventBytes());
    }

    /**
     * The app's config, fetched once per base URL, token and proxy and cached; a failed fetch is not cached.
     *
     * @param baseUrl the app origin
     * @param settings the settings of the fetch
     * @return the config, or a future failing with a {@link dev.g4j.gradio.GradioException}
     */
    public CompletableFuture<GradioConfig> config(URI baseUrl, GradioSettings settings) {
        String base = Checks.base(baseUrl).toString();
        Settings s = resolve(settings);
        Settings.AppKey key = s.appKey(base);
        CompletableFuture<GradioConfig> f = configs.computeIfAbsent(key, k -> fetchConfig(base, s));
        f.whenComplete((c, e) -> {
            if (e != null) {
                configs.remove(key, f);
            }
        });
        return f;
    }

    /**
     * Forgets the cached configs of a base URL, for every token and proxy.
     *
     * @param baseUrl the app origin
     */
    public void invalidateConfig(URI baseUrl) {
        String base = Checks.base(baseUrl).toString();
        configs.keySet().removeIf(k -> k.base().equals(base));
    }

    /**
     * Checks that the client is open.
     *
     * @throws IllegalStateException when it is closed
     */
    public synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This GradioClient is closed; build a new one");
        }
    }

    /**
     * Starts a call for a subscriber: acquires its session and returns its state, or signals the subscriber an error.
     *
     * @param request the request
     * @param subscriber the subscriber
     * @param eventId completed with the event id
     * @param slot the call's single-subscriber slot: the new state is set only when it was empty
     * @param refusal why the slot was taken, when it was
     */
    public void subscribe(GradioRequest request, Flow.Subscriber<? super GradioEvent> subscriber, CompletableFuture<String> eventId,
                          AtomicReference<Object> slot, java.util.function.Supplier<String> refusal) {
        Session session;
        Settings s;
        try {
            s = resolve(request.settings());
            session = acquireSession(request.baseUrl().toString(), request.sessionHash(), s);
        } catch (RuntimeException e) {
            Subscribers.reject(subscriber, e);
            return;
        }
        CallState call = new CallState(this, session, request, s, subscriber, eventId);
        if (!slot.compareAndSet(null, call)) {
            session.ctx.runOnContext(v -> session.leave(call));
            Subscribers.reject(subscriber, new IllegalStateException(refusal.get()));
            return;
        }
        subscriber.onSubscribe(call);
        call.start();
    }

    /**
     * Cancels a call state held in a {@code GradioCall}'s slot.
     *
     * @param state the slot's content
     */
    public static void cancel(Object state) {
        if (state instanceof CallState c) {
            c.cancel();
        }
    }

    /**
     * Fails the running calls with a {@link GradioClosedException}, closes the HTTP client and the Vert.x instance
     * when this core created it.
     */
    public void close() {
        Vertx toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            live.forEach(CallState::shutdown);
            toClose = ownVertx;
        }
        Future<Void> f = transport.close();
        if (toClose != null) {
            f = f.eventually(toClose::close);
        }
        f.toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    static GradioClosedException closedFailure() {
        return new GradioClosedException("The GradioClient was closed while this call was running; close the client only after its calls end");
    }

    synchronized Vertx vertx() {
        checkOpen();
        if (defaults.vertx() != null) {
            return defaults.vertx();
        }
        if (ownVertx == null) {
            ownVertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(2).setWorkerPoolSize(1));
        }
        return ownVertx;
    }

    void track(CallState c, boolean running) {
        if (running) {
            live.add(c);
        } else {
            live.remove(c);
        }
    }

    /**
     * The number of calls running (for tests).
     *
     * @return calls subscribed and not yet ended
     */
    public int liveCalls() {
        return live.size();
    }

    /** The session for (app, hash): an existing live one when the hash is shared, else a new one on a lane. */
    synchronized Session acquireSession(String base, String hash, Settings s) {
        if (hash == null) {
            return new Session(this, transport.lanes().acquire(base), base,
                    UUID.randomUUID().toString().replace("-", "").substring(0, 12), s, null);
        }
        SessionKey key = new SessionKey(s.appKey(base), hash);
        Session existing = sessions.get(key);
        if (existing != null && existing.retain()) {
            return existing;
        }
        Session created = new Session(this, transport.lanes().acquire(base), base, hash, s, key);
        created.retain();
        sessions.put(key, created);
        return created;
    }

    /** A shared session's identity: calls with another token or proxy never share a session or its cookies. */
    record SessionKey(Settings.AppKey app, String hash) {
    }

    synchronized void releaseSession(Session s) {
        if (s.key() != null) {
            sessions.remove(s.key(), s);
        }
        transport.lanes().release(s.base, s.lane);
    }

    private CompletableFuture<GradioConfig> fetchConfig(String base, Settings s) {
        String url = base + "/config";
        CompletableFuture<GradioConfig> out = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> current = new AtomicReference<>();
        Vertx vx;
        try {
            vx = vertx();
        } catch (RuntimeException e) {
            out.completeExceptionally(e);
            return out;
        }
        // the total limit bounds the fetch too: a server trickling bytes would otherwise keep it alive forever
        long timer = vx.setTimer(Math.max(1, s.total().toMillis()), id -> {
            if (out.completeExceptionally(new GradioTimeoutException(GradioTimeoutException.Kind.TOTAL, s.total(),
                    "Fetching " + url + " did not finish within " + s.total() + "; the app may be overloaded. Retry, or raise totalTimeout", null))) {
                HttpClientRequest r = current.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        out.whenComplete((c, e) -> vx.cancelTimer(timer));
        LOG.log(System.Logger.Level.DEBUG, "GET {0}", url);
        try {
            transport.exchange(HttpMethod.GET, url, null, s, s.idle(), null, Transport.MAX_CONFIG_BYTES, "config request", current::set)
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            out.completeExceptionally(Failures.transport(ar.cause(), url, s.connect(), s.idle()));
                            return;
                        }
                        Transport.SmallResponse r = ar.result();
                        if (r.status() != 200) {
                            out.completeExceptionally(Failures.status("config request", r.status(), r.body(), url, ""));
                            return;
                        }
                        try {
                            JsonNode root = MAPPER.readTree(r.body());
                            out.complete(GradioConfig.parse(root));
                        } catch (JsonProcessingException e) {
                            out.completeExceptionally(new GradioProtocolException("The /config of " + base
                                    + " is not JSON; is the URL the root of a Gradio app (not the huggingface.co page)?", e));
                        } catch (RuntimeException e) {
                            out.completeExceptionally(e);
                        }
                    });
        } catch (RuntimeException e) {
            out.completeExceptionally(e);
        }
        return out;
    }
}
