package dev.g4j.gradio.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's replay mode, for load tests where the client must be the bottleneck: a Qwen 2.5 Space on
 * 127.0.0.1 that answers {@code /config} and {@code queue/join} normally and then writes a pre-rendered
 * {@link ReplayScript} on every {@code queue/data} stream, either as fast as the socket takes it (respecting the
 * write queue and its drain handler) or one token per interval. Several ports can be opened, so a client that limits
 * connections per origin can still hold many streams; each port is served by every event loop.
 *
 * <pre>{@code
 * try (ReplayServer server = ReplayServer.builder(ReplayScript.qwen(1000, true)).start()) {
 *     String base = server.baseUrls().get(0);
 * }
 * }</pre>
 *
 * <p>Unlike {@link GradioSimulator} it keeps no sessions and injects no faults. Thread-safe.
 */
public final class ReplayServer implements AutoCloseable {
    private final Vertx vertx;
    private final ReplayScript script;
    private final long intervalNanos;
    private final long tickMillis;
    private final ReplayStats stats = new ReplayStats();
    private final List<String> baseUrls = new ArrayList<>();
    /** The paced streams of each event-loop thread, which one periodic timer of that thread advances. */
    private final Map<Thread, List<ReplayStream>> paced = new ConcurrentHashMap<>();
    private final Map<String, Buffer> configs = new ConcurrentHashMap<>();
    private final Buffer joinAnswer = Buffer.buffer("{\"event_id\":\"" + ReplayScript.EVENT_ID + "\"}");

    private ReplayServer(Builder b) {
        this.script = b.script;
        this.intervalNanos = b.tokenInterval.toNanos();
        this.tickMillis = b.tickMillis;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(b.eventLoops).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    }

    /** A builder for a server that replays {@code script}. */
    public static Builder builder(ReplayScript script) {
        return new Builder(script);
    }

    /** One origin per port, such as {@code http://127.0.0.1:41234}, in port order. */
    public List<String> baseUrls() {
        return List.copyOf(baseUrls);
    }

    /** The live counters. */
    public ReplayStats stats() {
        return stats;
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ReplayServer listen(int ports, int eventLoops) {
        try {
            for (int p = 0; p < ports; p++) {
                int port = freePort();
                HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true)
                        .setAcceptBacklog(16384);
                // one server per event loop on the same port: Vert.x shares the port between verticle instances
                vertx.deployVerticle(() -> new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        return vertx.createHttpServer(options).requestHandler(ReplayServer.this::handle).listen();
                    }
                }, new DeploymentOptions().setInstances(eventLoops)).toCompletionStage().toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                baseUrls.add("http://127.0.0.1:" + port);
            }
        } catch (Exception e) {
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the replay server", e);
        }
        return this;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void handle(HttpServerRequest request) {
        stats.request(request.method().name(), request.path());
        String path = request.path();
        if (request.method() == HttpMethod.GET && path.equals("/config")) {
            String origin = "http://" + request.authority();
            Buffer body = configs.computeIfAbsent(origin, o -> Buffer.buffer(
                    Json.write(SimulatedApp.qwen25().config(GradioMode.GRADIO_4, o))));
            request.response().putHeader("content-type", "application/json").end(body);
        } else if (request.method() == HttpMethod.POST && path.equals("/queue/join")) {
            request.body().onSuccess(body -> join(request, body));
        } else if (request.method() == HttpMethod.GET && path.equals("/queue/data")) {
            data(request);
        } else {
            request.response().setStatusCode(404).putHeader("content-type", "application/json")
                    .end("{\"detail\":\"Not Found\"}");
        }
    }

    private void join(HttpServerRequest request, Buffer body) {
        JsonNode hash;
        try {
            hash = Json.MAPPER.readTree(body.getBytes()).get("session_hash");
        } catch (java.io.IOException e) {
            hash = null;
        }
        if (hash == null || !hash.isTextual()) {
            request.response().setStatusCode(400).putHeader("content-type", "application/json")
                    .end("{\"detail\":\"Session hash not found.\"}");
            return;
        }
        stats.joined();
        request.response().putHeader("content-type", "application/json").end(joinAnswer);
    }

    private void data(HttpServerRequest request) {
        ReplayStream stream = new ReplayStream(script, request.response(), intervalNanos, stats);
        stream.open();
        if (intervalNanos > 0) {
            // keyed by thread, not by context: Vert.x gives each request its own duplicated context, and a timer
            // per request would keep ticking after its stream ended
            paced.computeIfAbsent(Thread.currentThread(), t -> {
                List<ReplayStream> list = new ArrayList<>();
                vertx.setPeriodic(tickMillis, id -> tick(list));
                stats.pacingTimerStarted();
                return list;
            }).add(stream);
        }
    }

    private static void tick(List<ReplayStream> streams) {
        long now = System.nanoTime();
        streams.removeIf(s -> {
            s.tick(now);
            return s.finished();
        });
    }

    /** Configures and starts a {@link ReplayServer}. */
    public static final class Builder {
        private final ReplayScript script;
        private int ports = 1;
        private int eventLoops = 1;
        private Duration tokenInterval = Duration.ZERO;
        private long tickMillis = 2;

        private Builder(ReplayScript script) {
            this.script = Objects.requireNonNull(script, "script");
        }

        /** How many ports (origins) to open; default 1. */
        public Builder ports(int ports) {
            if (ports < 1 || ports > 1000) {
                throw new IllegalArgumentException("ports must be 1..1000, got " + ports);
            }
            this.ports = ports;
            return this;
        }

        /** How many event loops serve the ports; default 1. */
        public Builder eventLoops(int eventLoops) {
            if (eventLoops < 1 || eventLoops > 64) {
                throw new IllegalArgumentException("eventLoops must be 1..64, got " + eventLoops);
            }
            this.eventLoops = eventLoops;
            return this;
        }

        /** Zero (the default) writes as fast as the socket takes it; otherwise one token per interval per stream. */
        public Builder tokenInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("negative token interval");
            }
            this.tokenInterval = interval;
            return this;
        }

        /** How often paced streams are checked, in milliseconds; default 2. */
        public Builder tickMillis(long tickMillis) {
            if (tickMillis < 1) {
                throw new IllegalArgumentException("tickMillis must be at least 1");
            }
            this.tickMillis = tickMillis;
            return this;
        }

        /** Starts the server; returns once every port listens. */
        public ReplayServer start() {
            return new ReplayServer(this).listen(ports, eventLoops);
        }
    }
}
