package dev.g4j.gradio;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A loopback Gradio look-alike for tests: serves {@code /config}, {@code {P}/queue/join}, {@code {P}/cancel} and
 * {@code {P}/queue/data} with bytes each test scripts. Records every request.
 */
final class ScriptedServer implements AutoCloseable {
    /** One recorded request. */
    record Seen(String method, String uri, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** A scripted answer to a join. */
    record JoinAnswer(int status, String body) {
    }

    /** One Vert.x for every test server (daemon threads), to keep the suite fast. */
    private static final Vertx SHARED = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(1));
    final Vertx vertx = SHARED;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> streamClosed = new CompletableFuture<>();
    final AtomicInteger streams = new AtomicInteger();
    final CompletableFuture<String> cancelBody = new CompletableFuture<>();
    final AtomicInteger joins = new AtomicInteger();
    /** TCP connections accepted. */
    final AtomicInteger connections = new AtomicInteger();
    volatile String prefix = "";
    volatile String config;
    /** A Set-Cookie header for join answers, or null. */
    volatile String joinCookie;
    /** Answers join number n (0-based) with the parsed body; default: 200 with event id "ev" + n. */
    volatile JoinScript join = (n, body, answer) -> answer.complete(new JoinAnswer(200, "{\"event_id\":\"ev" + n + "\"}"));
    /** Writes the SSE body. Default: nothing (the stream stays open). */
    volatile BiConsumer<HttpServerRequest, HttpServerResponse> stream = (req, resp) -> { };
    /** Extra routes by exact path, tried before the scripted ones (for hostile answers). */
    final Map<String, BiConsumer<HttpServerRequest, HttpServerResponse>> routes = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpServer server;

    /** Decides a join's answer, possibly later. */
    interface JoinScript {
        void answer(int n, JsonObject body, CompletableFuture<JoinAnswer> answer);
    }

    ScriptedServer() throws Exception {
        server = vertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet()).requestHandler(this::handle);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port());
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(b -> {
            Map<String, String> h = new java.util.HashMap<>();
            req.headers().forEach(e -> h.put(e.getKey().toLowerCase(), e.getValue()));
            seen.add(new Seen(req.method().name(), req.uri(), h, b.toString()));
            String path = req.path();
            HttpServerResponse resp = req.response();
            BiConsumer<HttpServerRequest, HttpServerResponse> route = routes.get(path);
            if (route != null) {
                route.accept(req, resp);
            } else if (path.equals("/config") && config != null) {
                resp.putHeader("content-type", "application/json").end(config);
            } else if (path.equals(prefix + "/queue/join")) {
                int n = joins.getAndIncrement();
                CompletableFuture<JoinAnswer> answer = new CompletableFuture<>();
                answer.thenAccept(a -> vertx.runOnContext(v -> {
                    if (joinCookie != null) {
                        resp.putHeader("set-cookie", joinCookie);
                    }
                    resp.setStatusCode(a.status()).putHeader("content-type", "application/json").end(a.body());
                }));
                join.answer(n, b.toJsonObject(), answer);
            } else if (path.equals(prefix + "/cancel")) {
                cancelBody.complete(b.toString());
                resp.putHeader("content-type", "application/json").end("{\"success\":true}");
            } else if (path.equals(prefix + "/queue/data")) {
                streams.incrementAndGet();
                req.connection().closeHandler(v -> streamClosed.complete(null));
                resp.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8");
                stream.accept(req, resp);
            } else {
                resp.setStatusCode(404).putHeader("content-type", "application/json").end("{\"detail\":\"Not Found\"}");
            }
        });
    }

    /** Answers every join with 200 and {@code eventId}. */
    void joinsAs(String eventId) {
        join = (n, body, answer) -> answer.complete(new JoinAnswer(200, "{\"event_id\":\"" + eventId + "\"}"));
    }

    /** Writes {@code messages} as SSE {@code data:} messages and leaves the response open. */
    static void write(HttpServerResponse resp, String... messages) {
        for (String m : messages) {
            resp.write(Buffer.buffer("data: " + m + "\n\n"));
        }
    }

    /** Writes {@code messages} as SSE {@code data:} messages, then ends the response. */
    static void writeAll(HttpServerResponse resp, String... messages) {
        write(resp, messages);
        resp.end();
    }

    List<Seen> requests(String pathPart) {
        return seen.stream().filter(s -> s.uri().contains(pathPart)).toList();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
