package dev.g4j.gradio.internal;

import dev.g4j.gradio.GradioProtocolException;
import dev.g4j.gradio.GradioRedirectException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP side of the client: one Vert.x {@code HttpClient} per event loop ({@link Lanes}) for every setting, request options built from the
 * per-request {@link Settings} (headers, token, cookies, proxy, timeouts), small exchanges with a capped body, and
 * redirects followed by hand, only within the origin of the request (Vert.x would copy the {@code Authorization}
 * header to any host). Thread-safe.
 */
final class Transport {
    static final String USER_AGENT = "g4j/" + version();
    /** The most bytes read of a {@code /config} body. */
    static final int MAX_CONFIG_BYTES = 8 * 1024 * 1024;
    /** The most bytes read of a join, cancel or error body. */
    static final int MAX_SMALL_BYTES = 64 * 1024;
    /** The most redirects followed for one {@code GET}. */
    static final int MAX_REDIRECTS = 5;

    private final Supplier<Vertx> vertx;
    private final Duration defaultConnect;
    private final int maxConnectionsPerHost;
    private Lanes lanes;

    Transport(Supplier<Vertx> vertx, Duration defaultConnect, int maxConnectionsPerHost) {
        this.vertx = vertx;
        this.defaultConnect = defaultConnect;
        this.maxConnectionsPerHost = maxConnectionsPerHost;
    }

    /** A fully read, capped response. */
    record SmallResponse(int status, String body) {
    }

    /** The event loops and their HTTP clients, made on first use. */
    synchronized Lanes lanes() {
        if (lanes == null) {
            HttpClientOptions o = new HttpClientOptions().setKeepAlive(true).setVerifyHost(true).setTrustAll(false)
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, defaultConnect.toMillis()));
            lanes = new Lanes(vertx.get(), o, maxConnectionsPerHost);
        }
        return lanes;
    }

    synchronized Future<Void> close() {
        return lanes == null ? Future.succeededFuture() : lanes.close();
    }

    /** The options of one request: URL, method, headers, timeouts, proxy. Redirects are never left to Vert.x. */
    RequestOptions options(HttpMethod method, String url, Settings s, Duration idle, CookieJar jar, boolean json) {
        boolean stream = url.contains("/queue/data");
        RequestOptions o = new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .setConnectTimeout(s.connect().toMillis()).setFollowRedirects(false)
                .putHeader("User-Agent", USER_AGENT);
        if (idle != null) {
            o.setIdleTimeout(idle.toMillis());
        }
        if (json) {
            o.putHeader("Content-Type", "application/json");
        }
        o.putHeader("Accept", stream ? "text/event-stream" : "application/json");
        if (s.token() != null) {
            o.putHeader("Authorization", "Bearer " + s.token());
        }
        if (jar != null && jar.header() != null) {
            o.putHeader("Cookie", jar.header());
        }
        if (s.proxy() != null) {
            o.setProxyOptions(ProxySupport.options(s.proxy()));
        }
        return o;
    }

    /**
     * Sends a request whose answer is small and reads the body whole, up to {@code maxBody} bytes. A {@code GET}
     * follows up to {@value #MAX_REDIRECTS} redirects within the origin of {@code url}; any other redirect fails
     * with a {@link GradioRedirectException}.
     *
     * @param current told each request sent, so that a caller's deadline can reset it
     */
    Future<SmallResponse> exchange(HttpMethod method, String url, Buffer body, Settings s, Duration idle, CookieJar jar,
                                   int maxBody, String what, Consumer<HttpClientRequest> current) {
        return exchange(method, url, body, s, idle, jar, maxBody, what, current, 0);
    }

    private Future<SmallResponse> exchange(HttpMethod method, String url, Buffer body, Settings s, Duration idle, CookieJar jar,
                                           int maxBody, String what, Consumer<HttpClientRequest> current, int hops) {
        RequestOptions o = options(method, url, s, idle, jar, body != null);
        // the whole exchange runs on the loop: a response handler set from another thread could come too late
        return lanes().withHttp(http -> http.request(o).compose(req -> {
            current.accept(req);
            return (body == null ? req.send() : req.send(body)).compose(resp -> {
                if (jar != null) {
                    jar.store(resp.headers().getAll("set-cookie"));
                }
                String location = resp.getHeader("location");
                if (method == HttpMethod.GET && isRedirect(resp.statusCode()) && location != null) {
                    URI target;
                    try {
                        target = URI.create(url).resolve(location.strip());
                    } catch (IllegalArgumentException e) {
                        resp.request().reset();
                        return Future.failedFuture(new GradioProtocolException("The " + what + " at " + Failures.hostOf(url)
                                + " redirected to a malformed location; check the base URL", e));
                    }
                    if (!sameOrigin(URI.create(url), target)) {
                        resp.request().reset();
                        return Future.failedFuture(new GradioRedirectException(shown(target), "The " + what + " at "
                                + Failures.hostOf(url) + " redirected to another origin (" + shown(target) + "); the client"
                                + " follows redirects only within the app's origin so that its token never leaves it. Use "
                                + origin(target) + " as the base URL if you trust it"));
                    }
                    if (hops >= MAX_REDIRECTS) {
                        resp.request().reset();
                        return Future.failedFuture(new GradioRedirectException(shown(target), "The " + what + " at "
                                + Failures.hostOf(url) + " redirected more than " + MAX_REDIRECTS + " times (last to "
                                + shown(target) + "); check the base URL"));
                    }
                    return readCapped(resp, MAX_SMALL_BYTES, what, url).compose(ignored ->
                            exchange(method, target.toString(), body, s, idle, jar, maxBody, what, current, hops + 1));
                }
                return readCapped(resp, maxBody, what, url).map(b -> new SmallResponse(resp.statusCode(), b));
            });
        }));
    }

    /**
     * Opens a request whose response the caller reads itself (the event stream). Called on the session's context,
     * so that the caller's handlers are set on the loop that reads the response.
     */
    Future<HttpClientRequest> open(RequestOptions o) {
        return lanes().withHttp(http -> http.request(o));
    }

    /**
     * Reads a body as UTF-8 up to {@code max} bytes; past that the request is reset and the future fails with a
     * {@link GradioProtocolException}.
     */
    static Future<String> readCapped(HttpClientResponse resp, int max, String what, String url) {
        Promise<String> p = Promise.promise();
        Buffer acc = Buffer.buffer();
        resp.exceptionHandler(p::tryFail);
        resp.handler(b -> {
            if (p.future().isComplete()) {
                return;
            }
            if ((long) acc.length() + b.length() > max) {
                p.tryFail(new GradioProtocolException("The " + what + " response from " + Failures.hostOf(url)
                        + " is larger than " + max + " bytes; the client stopped reading it. Is the URL a Gradio app?"));
                resp.request().reset();
                return;
            }
            acc.appendBuffer(b);
        });
        resp.endHandler(v -> p.tryComplete(acc.toString()));
        return p.future();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null && a.getHost() != null && b.getHost() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** A target fit for messages: no user info, no query, no fragment. */
    private static URI shown(URI target) {
        try {
            return new URI(target.getScheme(), null, target.getHost(), target.getPort(), target.getPath(), null, null);
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return URI.create(String.valueOf(target.getScheme()).toLowerCase(Locale.ROOT) + "://" + target.getHost());
        }
    }

    private static String origin(URI target) {
        return target.getScheme() + "://" + target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
    }

    private static String version() {
        Package p = Transport.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
